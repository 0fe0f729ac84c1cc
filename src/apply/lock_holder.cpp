#include "apply/lock_holder.h"

#include "apply/applier.h"
#include "apply/soci_errors.h"

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

std::string applier_application_name(const std::string& who) {
  return who.empty() ? "strata" : "strata (" + who + ")";
}

}  // namespace strata::apply
