#include "apply/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "apply/backup_file.h"
#include "apply/process.h"
#include "core/error.h"
#include "db/connection.h"
#include "revision/sha256.h"

namespace strata::apply {
namespace {

namespace fs = std::filesystem;

std::string utc_now(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// A temporary file name in `dir` (created empty, so the name is ours).
fs::path temp_name(const fs::path& dir, const std::string& final_name) {
  std::string tmpl = (dir / ("." + final_name + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0)
    throw Error("cannot create a file in " + dir.string() + ": " + std::strerror(errno));
  ::close(fd);
  return tmpl;
}

void write_synced(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw Error("cannot write " + path.string() + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) throw Error("cannot write " + path.string() + ": " + std::strerror(err));
}

void fsync_path(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

std::string file_sha256(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read " + file.string());
  revision::Sha256 sha;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    if (in.gcount() > 0) sha.update(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw Error("cannot read " + file.string());
  return sha.hex_digest();
}

int server_major(db::Connection& conn) {
  int num = conn.server_version_num();
  return num >= 100000 ? num / 10000 : num / 100;
}

std::optional<BackupInfo> read_sidecar(const fs::path& sidecar) {
  std::ifstream in(sidecar);
  if (!in) return std::nullopt;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    BackupInfo info;
    info.sidecar = sidecar;
    info.file = sidecar.parent_path() / j.at("file").get<std::string>();
    if (!j.at("revision").is_null()) info.revision = j.at("revision").get<std::string>();
    info.created_at = j.at("created_at").get<std::string>();
    info.server_version = j.value("server_version", "");
    info.database = j.value("database", "");
    info.size = j.value("size", std::uintmax_t{0});
    info.sha256 = j.value("sha256", "");
    return info;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

BackupInfo backup(const std::string& url, const fs::path& dir,
                  const std::optional<std::string>& revision, const PgToolOptions& tools) {
  BackupInfo info;
  int major = 0;
  {
    db::Connection conn(url);
    major = server_major(conn);
    std::string version = conn.query_value("SHOW server_version");
    info.server_version = version.substr(0, version.find(' '));
    info.database = conn.query_value("SELECT current_database()");
  }
  fs::path pg_dump = find_pg_tool("pg_dump", major, tools);
  info.revision = revision;
  info.created_at = utc_now("%Y-%m-%dT%H:%M:%SZ");

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());
  std::string stem = utc_now("%Y%m%d_%H%M%S") + "_" + revision.value_or("none");
  for (int n = 2; fs::exists(dir / (stem + ".dump")) || fs::exists(dir / (stem + ".json")); ++n)
    stem = utc_now("%Y%m%d_%H%M%S") + "_" + revision.value_or("none") + "_" + std::to_string(n);
  info.file = dir / (stem + ".dump");
  info.sidecar = dir / (stem + ".json");

  fs::path tmp_dump = temp_name(dir, info.file.filename().string());
  fs::path tmp_json;
  try {
    ProcessResult r = run_process({pg_dump.string(), "--format=custom", "--no-password",
                                   "--file=" + tmp_dump.string(), "--dbname=" + url});
    if (r.exit_code != 0)
      throw Error("pg_dump failed (exit " + std::to_string(r.exit_code) +
                  "): " + tail_lines(r.err, 10));
    fsync_path(tmp_dump);
    info.size = fs::file_size(tmp_dump);
    info.sha256 = file_sha256(tmp_dump);
    nlohmann::json j = {
        {"file", info.file.filename().string()},
        {"revision", revision ? nlohmann::json(*revision) : nlohmann::json(nullptr)},
        {"created_at", info.created_at},
        {"server_version", info.server_version},
        {"database", info.database},
        {"size", info.size},
        {"sha256", info.sha256},
        {"pg_dump", pg_dump.string()},
    };
    tmp_json = temp_name(dir, info.sidecar.filename().string());
    write_synced(tmp_json, j.dump(2) + "\n");
    fs::rename(tmp_dump, info.file);
    fs::rename(tmp_json, info.sidecar);
    fsync_path(dir);
  } catch (...) {
    fs::remove(tmp_dump, ec);
    if (!tmp_json.empty()) fs::remove(tmp_json, ec);
    if (fs::exists(info.sidecar, ec) == false) fs::remove(info.file, ec);
    throw;
  }
  return info;
}

std::vector<BackupInfo> list_backups(const fs::path& dir) {
  std::vector<BackupInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() != ".json") continue;
    auto info = read_sidecar(entry.path());
    if (info && fs::exists(info->file, ec)) out.push_back(std::move(*info));
  }
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) {
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.file.filename() > b.file.filename();
  });
  return out;
}

std::vector<fs::path> prune_backups(const fs::path& dir, int keep) {
  std::vector<fs::path> removed;
  if (keep <= 0) return removed;
  auto all = list_backups(dir);
  for (std::size_t i = static_cast<std::size_t>(keep); i < all.size(); ++i) {
    std::error_code ec;
    // The sidecar first: a dump without one is no longer listed.
    fs::remove(all[i].sidecar, ec);
    fs::remove(all[i].file, ec);
    removed.push_back(all[i].file);
  }
  return removed;
}

}  // namespace strata::apply
