#pragma once

// Running a whole script in one round trip and, when it fails, telling which
// of its statements failed and where it is in the file.

#include <optional>
#include <string>

#include "db/connection.h"
#include "revision/steps.h"

namespace strata::shadow {

struct ScriptFailure {
  int step = 0;           // 1-based step that failed (run_steps, a file with step markers); 0 otherwise
  std::string statement;  // the failing statement's text ("" when unknown)
  int line = 0;           // 1-based line of its first character in the script; 0 unknown
  std::string message;    // PostgreSQL's primary message
  std::string detail;     // DETAIL, when given
  std::string hint;       // HINT, when given
  std::string sqlstate;

  // "<file> line <n> (step <k>): <message>" then indented DETAIL:, HINT: and
  // statement: lines for those that are known.
  std::string str(const std::string& file) const;
};

// Sends `script` as one simple query (the server runs its statements in
// order and stops at the first error) and returns nullopt when all of them
// succeeded. On an error the failing statement is the one after those the
// server reported complete, found in the script with sql::split_script.
// Throws DatabaseError(kUnreachable) when the connection is lost.
std::optional<ScriptFailure> run_script(db::Connection& conn, const std::string& script);

// How run_steps runs a revision file.
struct StepRunOptions {
  // The file's default step mode (revision::split_steps): kNoTransaction
  // when the up file's header says `-- strata:no-transaction`.
  revision::StepMode default_mode = revision::StepMode::kTransaction;
  // When set, every step runs as this role: SET LOCAL ROLE inside a
  // transaction step, SET ROLE / RESET ROLE around a no-transaction step.
  std::string role;
};

// Runs a revision file's text step by step (revision::split_steps), each
// in its mode: a transaction step as one script between BEGIN and COMMIT
// (ROLLBACK when it fails); a no-transaction step statement by statement,
// each in autocommit, as the applier runs them. Stops at the first failure
// and returns it with the step's number and the statement's line in the
// file; nullopt when every step succeeded. Throws LoadError for bad step
// markers (nothing runs) and DatabaseError(kUnreachable) when the
// connection is lost. Requires: no transaction open on `conn`.
std::optional<ScriptFailure> run_steps(db::Connection& conn, const std::string& text, const std::string& file,
                                       const StepRunOptions& options = {});

}  // namespace strata::shadow
