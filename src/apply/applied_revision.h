#pragma once

// The bookkeeping Strata keeps in the database, in its own `strata` schema:
//   strata.revisions          one row per applied revision (the chain so far)
//   strata.audit_log          one row per operation (see audit_entry.h)
//   strata.revision_progress  statements done of a no-transaction revision
// The `strata` schema is never part of a diff.

#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace strata::apply {

// The name of Strata's own schema (introspection and diffs skip it).
inline constexpr const char* kStrataSchema = "strata";

// A row of strata.revisions.
struct AppliedRevision {
  std::string revision;
  std::optional<std::string> parent;
  std::string message;
  std::string checksum;    // SHA-256 of both files when applied (or stamped)
  std::string applied_at;  // ISO 8601 UTC, e.g. "2026-11-25T13:42:10Z"
  std::string applied_by;
  long long duration_ms = 0;

  bool operator==(const AppliedRevision&) const = default;
};

// The DDL of the strata schema and its tables (idempotent: IF NOT EXISTS).
std::string strata_schema_sql();

// Creates the strata schema and its tables if missing. Idempotent and safe
// to run from several sessions at once (serialized by a transaction-level
// advisory lock). Requires: no open transaction on `conn`.
void ensure_strata_schema(db::Connection& conn);

// True when strata.revisions exists (the database has been initialized).
bool has_strata_schema(db::Connection& conn);

// The applied revisions in the order they were applied (oldest first); empty
// when the strata schema does not exist yet. Reads without taking the lock:
// right for status/history; an applier uses Applier::state().
std::vector<AppliedRevision> read_applied(db::Connection& conn);

// A no-transaction revision that stopped part way (a row of
// strata.revision_progress): `statements_done` statements of its up (or
// down) file ran; the next apply (or rollback) resumes after them.
struct RevisionProgress {
  std::string revision;
  bool down = false;
  int statements_done = 0;
  std::string updated_at;  // ISO 8601 UTC

  bool operator==(const RevisionProgress&) const = default;
};

// Revisions part way through; empty when none (or no strata schema).
std::vector<RevisionProgress> read_progress(db::Connection& conn);

// The database's revision: the applied one that no other applied row names
// as its parent (the tip of the recorded chain), when there is exactly one;
// otherwise the last one applied; nullopt when none is. (A revision applied
// out of order comes last in time but not last in the chain.)
std::optional<std::string> current_revision(const std::vector<AppliedRevision>& applied);

}  // namespace strata::apply
