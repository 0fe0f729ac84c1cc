#pragma once

// strata.audit_log: one row per operation (who, what, result, how long).

#include <string>

#include "db/connection.h"

namespace strata::apply {

struct AuditEntry {
  std::string who;        // OS user, or the API token's name (never the token)
  std::string operation;  // "apply", "rollback", "stamp", "create", "restore", …
  std::string target;     // revision id, file, … (may be empty)
  bool ok = true;         // stored as result 'ok' / 'error'
  std::string detail;     // error message or a short note (may be empty)
  long long duration_ms = 0;
};

// Inserts one row (creating the strata schema if missing). Runs in its own
// statement; requires no failed transaction open on `conn`. Throws
// DatabaseError.
void write_audit(db::Connection& conn, const AuditEntry& entry);

}  // namespace strata::apply
