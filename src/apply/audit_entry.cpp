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
                      "(who, operation, target, result, detail, duration_ms, source, client, host, "
                      "database, arguments, revisions, sqlstate) "
                      "VALUES (:who, :op, :target, :result, :detail, :duration, :source, :client, :host, "
                      ":database, :arguments, :revisions, :sqlstate)",
        soci::use(entry.who), soci::use(entry.operation), soci::use(entry.target),
        soci::use(result), soci::use(entry.detail), soci::use(duration), soci::use(entry.source),
        soci::use(entry.client), soci::use(entry.host), soci::use(entry.database),
        soci::use(entry.arguments), soci::use(entry.revisions), soci::use(entry.sqlstate);
  });
}

std::vector<AuditRow> read_audit(db::Connection& conn, const std::string& since, int limit) {
  std::vector<AuditRow> out;
  if (conn.query_value("SELECT (to_regclass('strata.audit_log') IS NOT NULL)::text") != "true") return out;
  ensure_strata_schema(conn);  // an older audit_log gets its newer columns
  soci_call("reading strata.audit_log", [&] {
    conn.count_statement();
    long long n = limit;
    soci::rowset<soci::row> rows =
        (conn.session().prepare
             << "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), who, operation, "
                "target, result, detail, duration_ms, source, client, host, database, arguments, revisions, "
                "sqlstate FROM strata.audit_log "
                "WHERE (:since = '' OR at >= CAST(NULLIF(:since2, '') AS timestamptz)) "
                "ORDER BY id DESC LIMIT :n",
         soci::use(since), soci::use(since), soci::use(n));
    for (const auto& row : rows) {
      AuditRow a;
      a.id = row.get<long long>(0);
      a.at = row.get<std::string>(1);
      a.entry.who = row.get<std::string>(2);
      a.entry.operation = row.get<std::string>(3);
      a.entry.target = row.get<std::string>(4);
      a.entry.ok = row.get<std::string>(5) == "ok";
      a.entry.detail = row.get<std::string>(6);
      a.entry.duration_ms = row.get<long long>(7);
      a.entry.source = row.get<std::string>(8);
      a.entry.client = row.get<std::string>(9);
      a.entry.host = row.get<std::string>(10);
      a.entry.database = row.get<std::string>(11);
      a.entry.arguments = row.get<std::string>(12);
      a.entry.revisions = row.get<std::string>(13);
      a.entry.sqlstate = row.get<std::string>(14);
      out.push_back(std::move(a));
    }
  });
  return out;
}

}  // namespace strata::apply
