#pragma once

// Backups with pg_dump -Fc and restores with pg_restore.
//
// A backup is `<dir>/<UTC yyyymmdd_HHMMSS>_<revision>.dump` plus a JSON
// sidecar `<same stem>.json`:
//   {"file": "...dump", "revision": "20261125134210" | null,
//    "created_at": "2026-11-25T13:42:10Z", "server_version": "15.18",
//    "database": "app", "size": 12345, "sha256": "…"}
// Both are written under temporary names in `dir` (`.<name>.tmp-XXXXXX`,
// locked with flock while written) and renamed into place, so a listed
// backup is always complete. pg_dump gets the connection without the
// password on its command line; the password goes through PGPASSWORD in its
// environment. pg_dump dies with Strata (see process.h); the temporary file
// a killed backup leaves is removed by the next backup (sweep_stale_temps).
//
// Only names of that pattern are ever listed, pruned or swept: a sidecar's
// "file" must name the dump beside it (same stem), never another path.

#include <chrono>
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

// Backups in `dir`, newest first: sidecars named like a backup whose JSON
// reads and names the dump beside them, and that dump exists.
std::vector<BackupInfo> list_backups(const std::filesystem::path& dir);

// Keeps the `keep` newest backups in `dir` and deletes the rest (dump and
// sidecar, both named by the pattern and inside `dir`; nothing a sidecar's
// text names). keep <= 0 keeps everything. Returns the deleted dump files.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& dir, int keep);

// Removes the temporary files in `dir` that a killed backup left behind
// (those whose writer no longer holds their lock). Returns what it removed.
std::vector<std::filesystem::path> sweep_stale_temps(const std::filesystem::path& dir);

// The backup a sidecar describes. Throws strata::Error saying why when it
// cannot be read, is not JSON, lacks a field, or names another file than
// the dump beside it.
BackupInfo load_sidecar(const std::filesystem::path& sidecar);

struct RestoreOptions {
  // The managed schemas (strata.yaml's `schemas:`). Restore drops and
  // restores only these and `strata`; the backup's objects in other schemas
  // are not restored, and other schemas keep what they hold. Empty: every
  // schema is managed, every user schema is replaced.
  std::vector<std::string> schemas;
  // lock_timeout for the restore's transaction (0: the server's setting).
  std::chrono::milliseconds lock_timeout{0};
  // Check the dump's SHA-256 against its sidecar; a dump without a readable
  // sidecar is refused. false: restore unchecked (--no-verify).
  bool verify = true;
  PgToolOptions tools;
};

// Makes the managed schemas of the database at `url` exactly what `file`
// holds, in one transaction under options.lock_timeout: the managed schemas
// and `strata` are dropped (public is emptied, keeping its owner and
// privileges), then pg_restore's script for their part of the archive
// (chosen with pg_restore -l / -L) runs, streamed from pg_restore's stdout
// through ScriptSplitter; nothing is written to disk. Objects created after
// the backup in those schemas do not survive, so the schema and
// strata.revisions agree afterwards. strata.audit_log keeps the rows written
// since the backup. If dropping the managed schemas would drop anything
// outside them (a view or foreign key that depends on them, a column of
// their type), restore refuses and names it. On any failure nothing
// changes. Throws DatabaseError(kUnreachable) when the server cannot be
// reached, UsageError when `file` does not exist or (verify) has no usable
// sidecar, strata::Error otherwise (with the reason).
void restore(const std::string& url, const std::filesystem::path& file,
             const RestoreOptions& options = {});

}  // namespace strata::apply
