#pragma once

// The audit trail: every command and API request, in strata.audit_log when the
// database is reachable and always as one line in the log file.

#include <string>
#include <vector>

#include "app/context.h"
#include "app/error_report.h"
#include "apply/audit_entry.h"

namespace strata::app {

// Records ctx.invocation's outcome when the command has not written its own
// audit row (read-only commands, and failures before a command got that far):
// one line to the log file, and a row in strata.audit_log when the database
// is reachable and already holds the strata schema (a read-only command does
// not create it). `error` is null for success. Never throws; does nothing
// when ctx.invocation is null.
void record_invocation(const Context& ctx, const ErrorReport* error);

// Writes audit_line(e) to ctx.audit_log (else ctx.log at debug level).
void log_audit_entry(const Context& ctx, const apply::AuditEntry& e);

// "a,b,c": revision ids as audit_log.revisions holds them.
std::string join_revisions(const std::vector<std::string>& ids);

// The line written to the log file for one audit entry (no secrets: the entry
// holds none).
std::string audit_line(const apply::AuditEntry& e);

struct AuditQuery {
  // Rows at or after this: a time PostgreSQL reads ("2026-11-30",
  // "2026-11-30 12:00Z") or an age: "90s", "15min", "2h", "7d". Empty: all.
  std::string since;
  int limit = 50;  // 1 to 10000
};

struct AuditEntryInfo {
  long long id = 0;
  std::string at;  // ISO 8601 UTC
  apply::AuditEntry entry;
};
void to_json(nlohmann::json& j, const AuditEntryInfo& e);

struct AuditResult {
  std::vector<AuditEntryInfo> entries;  // newest first
};
void to_json(nlohmann::json& j, const AuditResult& r);

// Reads strata.audit_log back. UsageError for a bad `since` or `limit`.
AuditResult audit(const Context& ctx, const AuditQuery& query);

}  // namespace strata::app
