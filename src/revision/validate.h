#pragma once

// Checking that revision files parse with PostgreSQL's own parser
// (libpg_query), with diagnostics located as file:line:col.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "revision/revision.h"

namespace strata::revision {

// Parses `script` and returns its syntax error located in `file`, or
// nothing. When `in_transaction` (the file runs inside Strata's
// transaction), also reports transaction control statements (BEGIN, COMMIT,
// ROLLBACK, …) since they would break the one-transaction-per-revision
// guarantee, and statements PostgreSQL refuses inside a transaction (CREATE
// INDEX CONCURRENTLY, VACUUM, …) with the fix: `-- strata:no-transaction`.
std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                        bool in_transaction);

// validate_script on both files of a revision. Empty when both are fine. A
// file with step markers (steps.h) is checked step by step, each in its
// mode (a no-transaction step may hold CREATE INDEX CONCURRENTLY), and a bad
// marker is reported as split_steps reports it.
std::vector<Diagnostic> validate(const Revision& revision);

}  // namespace strata::revision
