#pragma once

// strata.audit_log: one row per command or API request (who, from where,
// what, on which database, result, how long, revisions touched).

#include <string>
#include <vector>

#include "db/connection.h"

namespace strata::apply {

struct AuditEntry {
  std::string who;        // OS user, or the API token's name (never the token)
  std::string operation;  // "apply", "rollback", "stamp", "create", "restore", …
  std::string target;     // revision id, file, … (may be empty)
  bool ok = true;         // stored as result 'ok' / 'error'
  std::string detail;     // error message or a short note (may be empty)
  long long duration_ms = 0;
  std::string source;     // "cli" or "api"
  std::string client;     // the API client's address (empty on the command line)
  std::string host;       // the machine Strata ran on
  std::string database;   // host:port/dbname, never the password
  std::string arguments;  // the command's arguments (never a token)
  std::string revisions;  // revisions touched, comma-separated
  std::string sqlstate;   // PostgreSQL's SQLSTATE of a failure
};

// Inserts one row (creating the strata schema if missing). Runs in its own
// statement; requires no failed transaction open on `conn`. Throws
// DatabaseError.
void write_audit(db::Connection& conn, const AuditEntry& entry);

// A row of strata.audit_log as read back.
struct AuditRow {
  long long id = 0;
  std::string at;  // ISO 8601 UTC
  AuditEntry entry;
};

// Rows at or after `since` (a timestamptz literal; empty = all), newest
// first, at most `limit`. Empty when the table does not exist.
// Throws DatabaseError (kStatement, SQLSTATE 22xxx for a bad `since`).
std::vector<AuditRow> read_audit(db::Connection& conn, const std::string& since, int limit);

}  // namespace strata::apply
