#pragma once

// Who may write revision files: an exclusive lock on the migrations folder,
// and the sweep of what an interrupted write leaves behind.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::revision {

// An exclusive flock(2) on the migrations folder itself (no lock file is
// created). The kernel releases it when the holder exits, killed or not, so a
// stale lock never needs cleaning up. Every writer of revision files holds it
// from before it reads the chain until its files are in place; that is what
// keeps two `strata create` runs from giving one parent two children.
class WriteLock {
 public:
  // Creates `dir` if missing, then waits for the lock: `wait` negative means
  // forever, 0 means fail at once. Throws UsageError when the wait runs out
  // (naming the folder) and Error when the folder cannot be opened.
  static WriteLock acquire(const std::filesystem::path& dir, std::chrono::milliseconds wait);
  // The lock when it is free now; nullopt when another process holds it or
  // `dir` does not exist.
  static std::optional<WriteLock> try_acquire(const std::filesystem::path& dir);

  WriteLock(WriteLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  WriteLock& operator=(WriteLock&&) = delete;
  WriteLock(const WriteLock&) = delete;
  ~WriteLock();

 private:
  explicit WriteLock(int fd) : fd_(fd) {}
  int fd_;
};

// Removes what a write killed part way leaves in `dir`, returning one line
// per removed file for the user:
//   - temporary files of Store::write (".<name>.sql.tmp-XXXXXX");
//   - a down file without its up file whose first line is the
//     `-- strata:down <id>` line Strata writes (a kill between the two renames
//     of Store::write leaves exactly that; the up file is renamed last, so the
//     revision never existed).
// A down file without that line is left alone (Store reports it).
// Requires: the caller holds the WriteLock of `dir`, so no write is under way.
std::vector<std::string> sweep_interrupted_writes(const std::filesystem::path& dir);

// True when `text` starts with the `-- strata:down <id>` line Store::prepare writes.
bool is_generated_down(std::string_view text);

}  // namespace strata::revision
