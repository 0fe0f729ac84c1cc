#include "revision/write_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include "core/error.h"
#include "revision/revision.h"

namespace strata::revision {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

int open_dir(const fs::path& dir) { return ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); }

std::string first_line_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

WriteLock WriteLock::acquire(const fs::path& dir, std::chrono::milliseconds wait) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());
  int fd = open_dir(dir);
  if (fd < 0) throw Error("cannot open " + dir.string() + ": " + std::strerror(errno));
  if (wait.count() < 0) {
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw Error("cannot lock " + dir.string() + ": " + std::strerror(err));
    }
    return WriteLock(fd);
  }
  auto start = std::chrono::steady_clock::now();
  auto delay = std::chrono::milliseconds(10);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int err = errno;
      ::close(fd);
      throw Error("cannot lock " + dir.string() + ": " + std::strerror(err));
    }
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (waited >= wait) {
      ::close(fd);
      throw UsageError("another `strata create` is writing to " + dir.string() + "; gave up after " +
                       std::to_string(waited.count()) + " ms (lock_wait)");
    }
    std::this_thread::sleep_for(std::min(delay, wait - waited));
    delay = std::min(delay * 2, std::chrono::milliseconds(200));
  }
  return WriteLock(fd);
}

std::optional<WriteLock> WriteLock::try_acquire(const fs::path& dir) {
  int fd = open_dir(dir);
  if (fd < 0) return std::nullopt;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return WriteLock(fd);
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

bool is_generated_down(std::string_view text) {
  constexpr std::string_view kPrefix = "-- strata:down ";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view id = text.substr(kPrefix.size(), kIdLength);
  return is_valid_id(id);
}

std::vector<std::string> sweep_interrupted_writes(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> temps, orphans;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find(".sql.tmp-") != std::string::npos) {
      temps.push_back(it->path());
    } else if (ends_with(name, ".down.sql")) {
      fs::path up = dir / (name.substr(0, name.size() - 9) + ".up.sql");
      if (!fs::exists(up, ec) && is_generated_down(first_line_of(it->path()))) orphans.push_back(it->path());
    }
  }
  for (const auto& p : temps) {
    if (fs::remove(p, ec))
      out.push_back("removed " + p.string() + ", a temporary file left by an interrupted `strata create`");
  }
  for (const auto& p : orphans) {
    if (fs::remove(p, ec))
      out.push_back("removed " + p.string() +
                    ": a down file without its up file, left by an interrupted `strata create` (the "
                    "revision was never written; run `strata create` again)");
  }
  return out;
}

}  // namespace strata::revision
