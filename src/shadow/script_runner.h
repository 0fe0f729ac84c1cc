#pragma once

// Running a whole script in one round trip and, when it fails, telling which
// of its statements failed and where it is in the file.

#include <optional>
#include <string>

#include "db/connection.h"

namespace strata::shadow {

struct ScriptFailure {
  std::string statement;  // the failing statement's text ("" when unknown)
  int line = 0;           // 1-based line of its first character in the script; 0 unknown
  std::string message;    // PostgreSQL's primary message
  std::string detail;     // DETAIL, when given
  std::string hint;       // HINT, when given
  std::string sqlstate;

  // "<file> line <n>: <message>" then indented DETAIL:, HINT: and
  // statement: lines for those that are known.
  std::string str(const std::string& file) const;
};

// Sends `script` as one simple query (the server runs its statements in
// order and stops at the first error) and returns nullopt when all of them
// succeeded. On an error the failing statement is the one after those the
// server reported complete, found in the script with sql::split_script.
// Throws DatabaseError(kUnreachable) when the connection is lost.
std::optional<ScriptFailure> run_script(db::Connection& conn, const std::string& script);

}  // namespace strata::shadow
