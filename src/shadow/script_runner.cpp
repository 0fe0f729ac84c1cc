#include "shadow/script_runner.h"

#include <libpq-fe.h>

#include "core/error.h"
#include "sql/script.h"

namespace strata::shadow {
namespace {

std::string field(const PGresult* res, int code) {
  const char* v = PQresultErrorField(res, code);
  return v ? v : "";
}

std::string one_line_prefix(const std::string& text, std::size_t max) {
  std::string out;
  for (char c : text) {
    if (out.size() >= max) return out + " ...";
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string ScriptFailure::str(const std::string& file) const {
  std::string out = file;
  if (line > 0) out += " line " + std::to_string(line);
  out += ": " + message;
  if (!detail.empty()) out += "\n  DETAIL: " + detail;
  if (!hint.empty()) out += "\n  HINT: " + hint;
  if (!statement.empty()) out += "\n  statement: " + one_line_prefix(statement, 400);
  return out;
}

std::optional<ScriptFailure> run_script(db::Connection& conn, const std::string& script) {
  pg_conn* pg = conn.native();
  conn.count_statement();
  if (PQsendQuery(pg, script.c_str()) != 1)
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        std::string("cannot send the script: ") + PQerrorMessage(pg));
  int completed = 0;
  std::optional<ScriptFailure> failure;
  while (PGresult* res = PQgetResult(pg)) {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      if (!failure) ++completed;
    } else if (st != PGRES_EMPTY_QUERY && !failure) {
      failure = ScriptFailure{};
      failure->message = field(res, PG_DIAG_MESSAGE_PRIMARY);
      if (failure->message.empty()) failure->message = PQresultErrorMessage(res);
      failure->detail = field(res, PG_DIAG_MESSAGE_DETAIL);
      failure->hint = field(res, PG_DIAG_MESSAGE_HINT);
      failure->sqlstate = field(res, PG_DIAG_SQLSTATE);
    }
    PQclear(res);
  }
  if (PQstatus(pg) == CONNECTION_BAD)
    throw DatabaseError(DatabaseError::Kind::kUnreachable,
                        "lost the connection to " + conn.endpoint().str() + " while running a script");
  if (!failure) return std::nullopt;
  sql::SplitResult split = sql::split_script(script);
  if (split.ok() && completed < static_cast<int>(split.statements.size())) {
    const auto& s = split.statements[static_cast<std::size_t>(completed)];
    failure->statement = s.text;
    failure->line = s.line;
  }
  return failure;
}

}  // namespace strata::shadow
