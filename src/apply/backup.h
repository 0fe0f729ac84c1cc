#pragma once

// Backups with pg_dump -Fc and restores with pg_restore.
//
// A backup is `<dir>/<UTC yyyymmdd_HHMMSS>_<revision>.dump` plus a JSON
// sidecar `<same stem>.json`:
//   {"file": "...dump", "revision": "20261125134210" | null,
//    "created_at": "2026-11-25T13:42:10Z", "server_version": "15.18",
//    "database": "app", "size": 12345, "sha256": "…"}
// Both are written under temporary names in `dir` and renamed into place,
// so a listed backup is always complete.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "apply/pg_tools.h"

namespace strata::apply {

struct BackupInfo {
  std::filesystem::path file;     // the .dump
  std::filesystem::path sidecar;  // the .json
  std::optional<std::string> revision;
  std::string created_at;      // ISO 8601 UTC
  std::string server_version;  // e.g. "15.18"
  std::string database;
  std::uintmax_t size = 0;
  std::string sha256;

  bool operator==(const BackupInfo&) const = default;
};

// Dumps the database at `url` (libpq URI or keyword string). `revision` is
// the database's revision (nullopt: none; the name then says "none").
// pg_dump is found with find_pg_tool("pg_dump", server major): a pg_dump
// older than the server is refused with a clear strata::Error before
// anything is written. Throws DatabaseError(kUnreachable) when the server
// cannot be reached, strata::Error with pg_dump's stderr when it fails;
// nothing is left in `dir` on error. Creates `dir` if missing.
BackupInfo backup(const std::string& url, const std::filesystem::path& dir,
                  const std::optional<std::string>& revision,
                  const PgToolOptions& tools = {});

// Backups in `dir` (those with a readable sidecar), newest first.
std::vector<BackupInfo> list_backups(const std::filesystem::path& dir);

// Keeps the `keep` newest backups in `dir` and deletes the rest (dump and
// sidecar). keep <= 0 keeps everything. Returns the deleted dump files.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& dir, int keep);

// Makes the database at `url` exactly what `file` holds, in one transaction:
// every user schema is dropped (public is emptied, keeping its owner and
// privileges), then pg_restore's script for the archive runs (pg_restore
// found as for pg_dump; objects get the connecting user as owner, as with
// --no-owner). Objects created after the backup do not survive, so the
// schema and strata.revisions agree afterwards. strata.audit_log keeps the
// rows written since the backup. On any failure nothing changes. When the
// sidecar exists, the dump's SHA-256 is checked first. Throws
// DatabaseError(kUnreachable) when the server cannot be reached, UsageError
// when `file` does not exist, strata::Error otherwise (with the reason).
void restore(const std::string& url, const std::filesystem::path& file,
             const PgToolOptions& tools = {});

}  // namespace strata::apply
