#pragma once

// The proof `create` runs before it writes a revision.

#include <string>
#include <vector>

#include "app/project.h"
#include "app/results.h"
#include "db/connection.h"
#include "model/schema.h"

namespace strata::app {

// Runs, inside the caller's open transaction on `conn` (which the caller
// rolls back afterwards):
//   up       -> the catalog must equal `desired` (the differ finds nothing to do)
//   down     -> the catalog must equal `start`: every object and column
//               definition the same; only the physical order of a table's
//               columns may differ (PostgreSQL appends a re-added column,
//               see without_column_order)
//   up again -> the catalog must equal `desired`
// and stops at the first step that fails. A failed step says why: the SQL
// error, the change still to do, or the first object that differs with
// its definition before the revision and after down.
// Requires: an open, not aborted transaction; `start` is the catalog read in
// it before anything ran.
std::vector<ProofStep> prove_revision(const Project& project, db::Connection& conn, const model::Schema& desired,
                                      const model::Schema& start, const std::string& up_sql,
                                      const std::string& down_sql);

}  // namespace strata::app
