#include "db/connection.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <cstdlib>

#include "core/error.h"
#include "db/conninfo.h"

namespace strata::db {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// libpq's reason, without SOCI's prefix.
std::string connect_reason(const std::string& what) {
  static const std::string kPrefix = "Cannot establish connection to the database.";
  std::string r = what;
  if (r.rfind(kPrefix, 0) == 0) r = r.substr(kPrefix.size());
  while (!r.empty() && (r.front() == ' ' || r.front() == '\n')) r.erase(r.begin());
  // libpq reasons span lines and indent with tabs; keep one line.
  std::string one_line;
  for (char c : r) {
    bool space = c == '\n' || c == '\t' || c == ' ';
    if (space && (one_line.empty() || one_line.back() == ' ')) continue;
    one_line += space ? ' ' : c;
  }
  return trim(one_line);
}

}  // namespace

std::string Endpoint::str() const {
  std::string out;
  out += host.empty() ? "localhost" : host;
  if (!port.empty()) out += (host.rfind('/', 0) == 0 ? " port " : ":") + port;
  if (!dbname.empty()) out += "/" + dbname;
  return out;
}

Endpoint parse_endpoint(const std::string& url) {
  Endpoint e;
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) return e;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string k = o->keyword;
    if (k == "host") e.host = o->val;
    else if (k == "hostaddr" && e.host.empty()) e.host = o->val;
    else if (k == "port") e.port = o->val;
    else if (k == "dbname") e.dbname = o->val;
    else if (k == "user") e.user = o->val;
  }
  PQconninfoFree(opts);
  if (e.host.empty()) {
    if (const char* h = std::getenv("PGHOST")) e.host = h;
  }
  if (e.port.empty()) {
    if (const char* p = std::getenv("PGPORT")) e.port = p;
  }
  return e;
}

Connection::Connection(const std::string& url) : endpoint_(parse_endpoint(url)) {
  // SOCI takes keyword=value strings only: turn a URI into that form.
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string reason = err ? trim(err) : "cannot parse";
    if (err) PQfreemem(err);
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "invalid database URL: " + mask_password(reason, url));
  }
  std::string keywords;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') v += '\\';
      v += *c;
    }
    keywords += std::string(o->keyword) + "='" + v + "' ";
  }
  PQconninfoFree(opts);
  try {
    session_ = std::make_unique<soci::session>(soci::postgresql, keywords);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "cannot connect to PostgreSQL at " + endpoint_.str() + ": " +
                            mask_password(connect_reason(e.what()), url));
  }
  // Keep server notices (NOTICE: ... does not exist, skipping) off stderr.
  PQsetNoticeProcessor(native(), [](void*, const char*) {}, nullptr);
}

Connection::~Connection() = default;

pg_conn* Connection::native() {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session_->get_backend());
  return backend->conn_;
}

void Connection::execute(std::string_view sql) {
  ++statements_sent_;
  std::string text(sql);
  PGresult* res = PQexec(native(), text.c_str());
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
    PQclear(res);
    return;
  }
  std::string sqlstate, message, pos, detail, hint;
  if (res) {
    if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) sqlstate = s;
    if (const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) message = m;
    if (const char* p = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION)) pos = p;
    if (const char* d = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL)) detail = d;
    if (const char* h = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT)) hint = h;
    PQclear(res);
  }
  if (message.empty()) message = trim(PQerrorMessage(native()));
  if (PQstatus(native()) == CONNECTION_BAD)
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "lost the connection to " + endpoint_.str() + ": " + message, sqlstate,
                        text);
  auto kind = sqlstate == "42501" ? DatabaseError::Kind::kPermission
                                  : DatabaseError::Kind::kStatement;
  DatabaseError error(kind, message, sqlstate, text, pos.empty() ? 0 : std::atoi(pos.c_str()));
  error.set_detail(std::move(detail), std::move(hint));
  throw error;
}

namespace {

// Statements per pipeline batch: their results (a few dozen bytes each, and
// any notices) fit the socket buffers, so the server never blocks writing
// while libpq still sends.
constexpr std::size_t kPipelineBatch = 100;

}  // namespace

std::optional<Connection::StatementFailure> Connection::execute_each(
    const std::vector<std::string_view>& statements, const std::function<void(std::size_t)>& running) {
  pg_conn* c = native();
  auto lost = [&](const std::string& why) {
    return DatabaseError(DatabaseError::Kind::kUnreachable,
                         "lost the connection to " + endpoint_.str() + ": " + why);
  };
  if (!PQenterPipelineMode(c)) throw lost(trim(PQerrorMessage(c)));
  std::optional<StatementFailure> failure;
  std::string text;
  for (std::size_t first = 0; first < statements.size() && !failure; first += kPipelineBatch) {
    std::size_t end = std::min(statements.size(), first + kPipelineBatch);
    for (std::size_t k = first; k < end; ++k) {
      ++statements_sent_;
      text.assign(statements[k]);
      if (!PQsendQueryParams(c, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0))
        throw lost(trim(PQerrorMessage(c)));
      // The server sends each result as it finishes (not all at the Sync),
      // so the caller can tell which statement runs.
      if (running && !PQsendFlushRequest(c)) throw lost(trim(PQerrorMessage(c)));
    }
    if (!PQpipelineSync(c)) throw lost(trim(PQerrorMessage(c)));
    if (running) running(first);
    for (std::size_t k = first; k < end; ++k) {
      PGresult* res = PQgetResult(c);
      if (!res) throw lost(trim(PQerrorMessage(c)));
      ExecStatusType st = PQresultStatus(res);
      if (st == PGRES_FATAL_ERROR && !failure) {
        std::string sqlstate, message, pos;
        if (const char* v = PQresultErrorField(res, PG_DIAG_SQLSTATE)) sqlstate = v;
        if (const char* v = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) message = v;
        if (const char* v = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION)) pos = v;
        if (message.empty()) message = trim(PQerrorMessage(c));
        PQclear(res);
        if (PQstatus(c) == CONNECTION_BAD) throw lost(message);
        auto kind = sqlstate == "42501" ? DatabaseError::Kind::kPermission
                                        : DatabaseError::Kind::kStatement;
        failure = StatementFailure{
            k, DatabaseError(kind, message, sqlstate, std::string(statements[k]),
                             pos.empty() ? 0 : std::atoi(pos.c_str()))};
      } else {
        PQclear(res);
        // The next one runs now: named before this result's end is awaited.
        if (running && !failure && k + 1 < end) running(k + 1);
      }
      // Each statement's results end with a null.
      while (PGresult* extra = PQgetResult(c)) PQclear(extra);
    }
    PGresult* sync = PQgetResult(c);
    if (!sync) throw lost(trim(PQerrorMessage(c)));
    PQclear(sync);
  }
  if (!PQexitPipelineMode(c)) throw lost(trim(PQerrorMessage(c)));
  return failure;
}

std::string Connection::query_value(std::string_view sql) {
  ++statements_sent_;
  std::string text(sql);
  PGresult* res = PQexec(native(), text.c_str());
  if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
    std::string message = res ? trim(PQresultErrorMessage(res)) : trim(PQerrorMessage(native()));
    std::string sqlstate;
    if (res) {
      if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) sqlstate = s;
      PQclear(res);
    }
    throw DatabaseError(DatabaseError::Kind::kStatement, message, sqlstate, text);
  }
  std::string out;
  if (PQntuples(res) > 0 && PQnfields(res) > 0 && !PQgetisnull(res, 0, 0))
    out = PQgetvalue(res, 0, 0);
  PQclear(res);
  return out;
}

int Connection::server_version_num() { return PQserverVersion(native()); }

}  // namespace strata::db
