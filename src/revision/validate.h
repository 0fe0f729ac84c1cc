#pragma once

// Checking that revision files parse with PostgreSQL's own parser
// (libpg_query), with diagnostics located as file:line:col.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "revision/revision.h"
#include "sql/script.h"

namespace strata::revision {

// Splits `script` into its steps (revision/steps.h; `in_transaction`: the
// file's default mode is a transaction) and parses each with PostgreSQL's
// parser. Returns every problem located in `file`: a bad step marker, a
// syntax error, transaction control (BEGIN, COMMIT, ROLLBACK, … in any step:
// Strata runs each transaction step in one transaction and each
// no-transaction statement on its own), and statements PostgreSQL refuses
// inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, …) in a
// transaction step, with the fix: a `-- strata:step no-transaction` step.
std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                        bool in_transaction);

// validate_script, also giving `whole`: when the script is one step from its
// first byte (it has no step markers) and parses, that step's analysis,
// which is sql::analyze_script(script); nullopt otherwise. For a caller that
// reads the same text again (the hazard lint), so it is parsed once.
std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                        bool in_transaction, std::optional<sql::SplitResult>& whole);

// validate_script on both files of a revision. Empty when both are fine. A
// file with step markers (steps.h) is checked step by step, each in its
// mode (a no-transaction step may hold CREATE INDEX CONCURRENTLY), and a bad
// marker is reported as split_steps reports it.
std::vector<Diagnostic> validate(const Revision& revision);

}  // namespace strata::revision
