#pragma once

// How an error reads to whoever asked: the exit code (0 fine, 1 problems
// found, 2 bad usage or input, 3 database unreachable) and the messages. The
// command line prints it (and, with --json, its JSON); the server answers
// with the same JSON. One classification for both.

#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace strata::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreachable = 3;

struct ErrorReport {
  int exit_code = kExitProblems;
  std::vector<std::string> errors;  // one message per problem
  // Where each error lies (same order as `errors`; an empty file when it is
  // in no file): the file, line and column of bad input.
  std::vector<Location> where;
  // Another applier holds the advisory lock (the server answers 409).
  bool lock_busy = false;
  std::string sqlstate;  // PostgreSQL's, when the error came from the server
  // `apply` refused a revision whose pre-checks found rows: one object per
  // failed check (revision, kind, description, failing_rows, sample_keys).
  nlohmann::json prechecks;
};

// Classifies an exception: LoadError (every diagnostic) and UsageError -> 2;
// DatabaseError -> 3 when unreachable, else 1; any other Error -> 1; anything
// a filesystem error (unreadable path, symlink loop) -> 2; anything else -> 1,
// prefixed "unexpected: ". Every message has passwords masked.
ErrorReport report_error(const std::exception& e);
ErrorReport report_error(std::exception_ptr e);

// {"ok": false, "exit_code": N, "errors": [...], "sqlstate": "..." or null},
// plus "failed_prechecks": [...] when there are some.
void to_json(nlohmann::json& j, const ErrorReport& r);

}  // namespace strata::app
