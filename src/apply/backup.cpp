#include "apply/backup.h"

#include <fcntl.h>
#include <sys/file.h>
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
#include <regex>

#include "apply/backup_file.h"
#include "apply/process.h"
#include "core/error.h"
#include "db/conninfo.h"
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

const std::regex kTempName(R"(\.([0-9]{8}_[0-9]{6}_[A-Za-z0-9-]+(_[0-9]+)?)\.(dump|json)\.tmp-[A-Za-z0-9]{6})");

// A temporary file in `dir`, created empty and locked (flock) for as long as
// this object lives: a sweep removes it only once its writer is gone.
class LockedTemp {
 public:
  LockedTemp(const fs::path& dir, const std::string& final_name) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      std::string tmpl = (dir / ("." + final_name + ".tmp-XXXXXX")).string();
      int fd = mkostemp(tmpl.data(), O_CLOEXEC);
      if (fd < 0)
        throw Error("cannot create a file in " + dir.string() + ": " + std::strerror(errno));
      struct stat by_fd {}, by_name {};
      // A sweep may have taken the name between mkostemp and flock: then the
      // name is gone or another file's; start again.
      if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &by_fd) == 0 && ::stat(tmpl.c_str(), &by_name) == 0 &&
          by_fd.st_ino == by_name.st_ino && by_fd.st_dev == by_name.st_dev) {
        fd_ = fd;
        path_ = tmpl;
        return;
      }
      ::close(fd);
    }
    throw Error("cannot create a temporary file in " + dir.string());
  }
  ~LockedTemp() {
    if (!kept_) {
      std::error_code ec;
      fs::remove(path_, ec);
    }
    ::close(fd_);
  }
  LockedTemp(const LockedTemp&) = delete;
  LockedTemp& operator=(const LockedTemp&) = delete;

  const fs::path& path() const { return path_; }
  // Renames the file to `target`; it is no longer removed at the end.
  void rename_to(const fs::path& target) {
    fs::rename(path_, target);
    kept_ = true;
  }

 private:
  int fd_ = -1;
  fs::path path_;
  bool kept_ = false;
};

// The revision as it may appear in a file name.
std::string name_safe(const std::string& revision) {
  std::string out = revision;
  for (char& c : out)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) c = '-';
  return out.empty() ? "none" : out;
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

bool is_backup_name(const std::string& name, const std::string& extension) {
  static const std::regex kName(R"([0-9]{8}_[0-9]{6}_[A-Za-z0-9-]+(_[0-9]+)?)");
  if (name.size() <= extension.size() || name.compare(name.size() - extension.size(), extension.size(), extension) != 0)
    return false;
  return std::regex_match(name.substr(0, name.size() - extension.size()), kName);
}

BackupInfo load_sidecar(const fs::path& sidecar) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(sidecar, ec))) throw Error(sidecar.string() + " does not exist");
  std::ifstream in(sidecar);
  if (!in) throw Error("cannot read " + sidecar.string() + ": " + std::strerror(errno));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(sidecar.string() + " is not valid JSON: " + e.what());
  }
  try {
    BackupInfo info;
    info.sidecar = sidecar;
    fs::path dump = sidecar;
    dump.replace_extension(".dump");
    std::string named = j.at("file").get<std::string>();
    if (named != dump.filename().string())
      throw Error(sidecar.string() + " names the file \"" + named + "\", not the dump beside it (" +
                  dump.filename().string() + ")");
    info.file = dump;
    if (!j.at("revision").is_null()) info.revision = j.at("revision").get<std::string>();
    info.created_at = j.at("created_at").get<std::string>();
    info.server_version = j.value("server_version", "");
    info.database = j.value("database", "");
    info.size = j.value("size", std::uintmax_t{0});
    info.sha256 = j.at("sha256").get<std::string>();
    static const std::regex kHex("[0-9a-f]{64}");
    if (!std::regex_match(info.sha256, kHex))
      throw Error(sidecar.string() + " has no valid \"sha256\" (64 lowercase hex digits)");
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw Error(sidecar.string() + " lacks a field or has one of the wrong type: " + e.what());
  }
}

std::optional<BackupInfo> read_sidecar(const fs::path& sidecar) {
  try {
    return load_sidecar(sidecar);
  } catch (const Error&) {
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
  db::ChildConnection child = db::split_password(url);
  ProcessOptions run;
  if (child.password) run.env["PGPASSWORD"] = *child.password;
  info.revision = revision;
  info.created_at = utc_now("%Y-%m-%dT%H:%M:%SZ");

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());
  const std::string rev = revision ? name_safe(*revision) : "none";
  std::string stem = utc_now("%Y%m%d_%H%M%S") + "_" + rev;
  for (int n = 2; fs::exists(dir / (stem + ".dump")) || fs::exists(dir / (stem + ".json")); ++n)
    stem = utc_now("%Y%m%d_%H%M%S") + "_" + rev + "_" + std::to_string(n);
  info.file = dir / (stem + ".dump");
  info.sidecar = dir / (stem + ".json");

  LockedTemp tmp_dump(dir, info.file.filename().string());
  try {
    ProcessResult r = run_process({pg_dump.string(), "--format=custom", "--no-password",
                                   "--file=" + tmp_dump.path().string(), "--dbname=" + child.conninfo},
                                  run);
    if (r.exit_code != 0)
      throw Error("pg_dump failed (exit " + std::to_string(r.exit_code) +
                  "): " + db::mask_password(tail_lines(r.err, 10), url));
    fsync_path(tmp_dump.path());
    info.size = fs::file_size(tmp_dump.path());
    info.sha256 = file_sha256(tmp_dump.path());
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
    LockedTemp tmp_json(dir, info.sidecar.filename().string());
    write_synced(tmp_json.path(), j.dump(2) + "\n");
    tmp_dump.rename_to(info.file);
    tmp_json.rename_to(info.sidecar);
    fsync_path(dir);
  } catch (...) {
    std::error_code ec;
    if (!fs::exists(info.sidecar, ec)) fs::remove(info.file, ec);
    throw;
  }
  return info;
}

std::vector<BackupInfo> list_backups(const fs::path& dir) {
  std::vector<BackupInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!is_backup_name(entry.path().filename().string(), ".json")) continue;
    if (!fs::is_regular_file(entry.symlink_status(ec))) continue;
    auto info = read_sidecar(entry.path());
    if (info && fs::is_regular_file(fs::symlink_status(info->file, ec))) out.push_back(std::move(*info));
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
    // Both names come from the sidecar's own name (load_sidecar), checked
    // again here: only a backup's file directly inside `dir` is deleted.
    const fs::path sidecar = dir / all[i].sidecar.filename();
    const fs::path dump = dir / all[i].file.filename();
    if (!is_backup_name(sidecar.filename().string(), ".json") ||
        !is_backup_name(dump.filename().string(), ".dump") ||
        sidecar.stem() != dump.stem())
      continue;
    std::error_code ec;
    // The sidecar first: a dump without one is no longer listed.
    fs::remove(sidecar, ec);
    fs::remove(dump, ec);
    removed.push_back(all[i].file);
  }
  return removed;
}

std::vector<fs::path> sweep_stale_temps(const fs::path& dir) {
  std::vector<fs::path> removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!std::regex_match(entry.path().filename().string(), kTempName)) continue;
    if (!fs::is_regular_file(entry.symlink_status(ec))) continue;
    int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    // Held by a running backup: not ours to remove.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && fs::remove(entry.path(), ec)) removed.push_back(entry.path());
    ::close(fd);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

}  // namespace strata::apply
