#include "apply/audit_entry.h"

#include "apply/applied_revision.h"
#include "apply/soci_errors.h"

namespace strata::apply {

void write_audit(db::Connection& conn, const AuditEntry& entry) {
  ensure_strata_schema(conn);
  std::string result = entry.ok ? "ok" : "error";
  long long duration = entry.duration_ms;
  soci_call("writing strata.audit_log", [&] {
    conn.count_statement();
    conn.session() << "INSERT INTO strata.audit_log "
                      "(who, operation, target, result, detail, duration_ms) "
                      "VALUES (:who, :op, :target, :result, :detail, :duration)",
        soci::use(entry.who), soci::use(entry.operation), soci::use(entry.target),
        soci::use(result), soci::use(entry.detail), soci::use(duration);
  });
}

}  // namespace strata::apply
