#include "app/audit.h"

#include <unistd.h>

#include <climits>
#include <regex>

#include "app/project.h"
#include "apply/applied_revision.h"
#include "apply/local_server.h"
#include "apply/timeouts.h"
#include "core/error.h"

namespace strata::app {

namespace {

// Quoted when it holds spaces, so a line splits back into key=value pairs.
std::string field(const std::string& v) {
  if (!v.empty() && v.find_first_of(" \"\n\t") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// The URL of the database when it can be reached without starting anything.
std::optional<std::string> reachable_url(const Context& ctx) {
  if (!ctx.config.is_local()) return ctx.config.database_url;
  apply::LocalServerOptions options;
  options.root = ctx.config.local_dir;
  options.tools.search_path = ctx.config.tool_path;
  apply::LocalServer server(options);
  if (!server.status().running) return std::nullopt;
  return server.url();
}

// The audit row of a command that did not need the database (validate, a
// refused request) must not hang on an unreachable host: libpq gives up
// after a few seconds.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout") != std::string::npos) return url;
  bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!uri) return url + " connect_timeout=3";
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=3";
}

}  // namespace

std::string join_revisions(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& i : ids) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

void log_audit_entry(const Context& ctx, const apply::AuditEntry& e) {
  if (ctx.audit_log)
    ctx.audit_log->info("{}", audit_line(e));
  else
    ctx.log->debug("{}", audit_line(e));
}

std::string audit_line(const apply::AuditEntry& e) {
  std::string line = "audit source=" + field(e.source) + " who=" + field(e.who) + " host=" + field(e.host);
  if (!e.client.empty()) line += " client=" + field(e.client);
  line += " database=" + field(e.database) + " command=" + field(e.operation);
  if (!e.arguments.empty()) line += " arguments=" + field(e.arguments);
  if (!e.target.empty()) line += " target=" + field(e.target);
  line += std::string(" result=") + (e.ok ? "ok" : "error") + " duration_ms=" + std::to_string(e.duration_ms);
  if (!e.revisions.empty()) line += " revisions=" + field(e.revisions);
  if (!e.sqlstate.empty()) line += " sqlstate=" + e.sqlstate;
  if (!e.detail.empty()) line += " detail=" + field(e.detail);
  return line;
}

void record_invocation(const Context& ctx, const ErrorReport* error) {
  const auto& inv = ctx.invocation;
  if (!inv || inv->recorded) return;
  inv->recorded = true;
  apply::AuditEntry e;
  e.who = ctx.who;
  e.operation = inv->command;
  e.ok = error == nullptr;
  if (error) {
    for (const auto& m : error->errors) e.detail += (e.detail.empty() ? "" : "\n") + m;
    e.sqlstate = error->sqlstate;
  }
  e.duration_ms = apply::ms_since(inv->start);
  e.revisions = join_revisions(inv->revisions);
  e.source = inv->source;
  e.client = inv->client;
  e.host = inv->host;
  e.arguments = inv->arguments;
  try {
    std::optional<std::string> url;
    if (!error || error->exit_code != kExitUnreachable) url = reachable_url(ctx);
    if (url) {
      e.database = db::parse_endpoint(*url).str();
      db::Connection conn(with_connect_timeout(*url));
      if (apply::has_strata_schema(conn)) apply::write_audit(conn, e);
    } else if (!ctx.config.is_local()) {
      e.database = db::parse_endpoint(ctx.config.database_url).str();
    }
  } catch (const std::exception& ex) {
    ctx.log->debug("audit row not written: {}", ex.what());
  }
  log_audit_entry(ctx, e);
}

void to_json(nlohmann::json& j, const AuditEntryInfo& a) {
  const auto& e = a.entry;
  j = nlohmann::json{{"id", a.id},
                     {"at", a.at},
                     {"who", e.who},
                     {"source", e.source},
                     {"host", or_null(e.host)},
                     {"client", or_null(e.client)},
                     {"database", or_null(e.database)},
                     {"command", e.operation},
                     {"arguments", or_null(e.arguments)},
                     {"target", or_null(e.target)},
                     {"result", e.ok ? "ok" : "error"},
                     {"detail", or_null(e.detail)},
                     {"sqlstate", or_null(e.sqlstate)},
                     {"duration_ms", e.duration_ms},
                     {"revisions", nlohmann::json::array()}};
  std::string rest = e.revisions;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    j["revisions"].push_back(rest.substr(0, comma));
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
  }
}

void to_json(nlohmann::json& j, const AuditResult& r) { j = nlohmann::json{{"entries", r.entries}}; }

AuditResult audit(const Context& ctx, const AuditQuery& query) {
  if (query.limit < 1 || query.limit > 10000)
    throw UsageError("limit: " + std::to_string(query.limit) + " is not between 1 and 10000");
  std::string since = query.since;
  static const std::regex kAge(R"(^\s*(\d{1,9})\s*(s|min|m|h|d)\s*$)");
  std::smatch m;
  Project project(ctx);
  auto conn = project.connect();
  if (std::regex_match(query.since, m, kAge)) {
    std::string unit = m[2] == "s" ? "seconds" : m[2] == "h" ? "hours" : m[2] == "d" ? "days" : "minutes";
    std::string interval = m[1].str() + " " + unit;
    conn->session() << "SELECT (now() - CAST(:i AS interval))::text", soci::use(interval), soci::into(since);
  }
  AuditResult r;
  try {
    for (auto& row : apply::read_audit(*conn, since, query.limit))
      r.entries.push_back({row.id, row.at, std::move(row.entry)});
  } catch (const DatabaseError& e) {
    if (e.sqlstate().rfind("22", 0) == 0)
      throw UsageError("since: '" + query.since +
                       "' is neither a time (2026-11-30, \"2026-11-30 12:00Z\") nor an age (90s, 15min, 2h, 7d)");
    throw;
  }
  return r;
}

}  // namespace strata::app
