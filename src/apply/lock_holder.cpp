#include "apply/lock_holder.h"

#include "apply/applier.h"
#include "apply/soci_errors.h"
#include "sql/parse_result.h"
#include "sql/quote.h"
#include "sql/tree_walk.h"

namespace strata::apply {

std::string LockHolder::str() const {
  std::string out = "pid " + std::to_string(pid) + " (";
  out += application.empty() ? "no application name" : application;
  if (!user.empty()) out += ", role " + user;
  out += ", from " + (client.empty() ? std::string("a local socket") : client);
  if (!since.empty()) out += ", since " + since;
  return out + ")";
}

std::optional<LockHolder> find_lock_holder(db::Connection& conn) {
  const long long classid = kAdvisoryLockKey >> 32;
  const long long objid = kAdvisoryLockKey & 0xffffffffLL;
  try {
    std::optional<LockHolder> found;
    soci_call("reading pg_locks", [&] {
      conn.count_statement();
      soci::rowset<soci::row> rows =
          (conn.session().prepare
               << "SELECT l.pid, coalesce(a.usename::text, ''), coalesce(a.application_name, ''), "
                  "coalesce(host(a.client_addr), ''), "
                  "coalesce(to_char(coalesce(a.xact_start, a.query_start, a.backend_start) AT TIME ZONE 'UTC', "
                  "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "
                  "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                  "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
                  "(SELECT oid FROM pg_database WHERE datname = current_database()) "
                  "AND l.classid = CAST(:c AS bigint) AND l.objid = CAST(:o AS bigint) AND l.objsubid = 1 "
                  "AND l.pid <> pg_backend_pid() LIMIT 1",
           soci::use(classid), soci::use(objid));
      for (const auto& row : rows) {
        LockHolder h;
        h.pid = row.get<int>(0);
        h.user = row.get<std::string>(1);
        h.application = row.get<std::string>(2);
        h.client = row.get<std::string>(3);
        h.since = row.get<std::string>(4);
        found = h;
      }
    });
    return found;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string describe_relation_lockers(db::Connection& conn, const std::string& statement) {
  sql::ParseResult parsed = sql::parse(statement);
  if (!parsed.ok()) return {};
  std::string names;
  sql::for_each_object(*parsed.tree, [&](const nlohmann::json& node) {
    // A RangeVar: wrapped as {"RangeVar": {...}} where a node may be of any
    // type, bare where the field is a RangeVar (ALTER TABLE's relation).
    auto it = node.find("relname");
    if (it == node.end() || !it->is_string()) return true;
    std::string name = it->get<std::string>();
    std::string schema = node.value("schemaname", std::string());
    if (!names.empty()) names += '\n';
    names += schema.empty() ? sql::quote_ident(name) : sql::quote_qualified(schema, name);
    return true;
  });
  if (names.empty()) return {};
  try {
    std::string out;
    soci_call("reading pg_locks", [&] {
      conn.count_statement();
      soci::rowset<soci::row> rows =
          (conn.session().prepare
               << "SELECT l.mode || ' on ' || l.relation::regclass::text || ' held by pid ' || l.pid || "
                  "' (' || coalesce(nullif(a.application_name, ''), 'no application name') || ', ' || "
                  "coalesce(a.state, 'unknown state') || coalesce(' since ' || "
                  "to_char(coalesce(a.xact_start, a.query_start) AT TIME ZONE 'UTC', "
                  "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') || ')' "
                  "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                  "WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid() "
                  "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                  "AND l.relation IN (SELECT to_regclass(n) FROM unnest(string_to_array(:n, E'\\n')) n) "
                  "ORDER BY l.pid, l.mode",
           soci::use(names));
      for (const auto& row : rows) out += (out.empty() ? "" : "; ") + row.get<std::string>(0);
    });
    return out;
  } catch (const std::exception&) {
    return {};
  }
}

std::string applier_application_name(const std::string& who) {
  return who.empty() ? "strata" : "strata (" + who + ")";
}

}  // namespace strata::apply
