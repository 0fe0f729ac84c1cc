#pragma once

// The SQL an Applier would send, as one script to read (or to run with psql
// where Strata cannot connect): `apply --sql`. Nothing here connects.

#include <string>
#include <vector>

#include "apply/applier.h"
#include "revision/revision.h"

namespace strata::apply {

// The strata schema's DDL (idempotent), then for each pending revision,
// oldest first:
//   BEGIN;
//   SET LOCAL lock_timeout = '…'; SET LOCAL statement_timeout = '…';
//   DO … (the applier's checks: not applied yet, the database at its parent)
//   <the up file>
//   INSERT INTO strata.revisions (…) VALUES (…);
//   COMMIT;
// and last the strata.audit_log row (source 'script'). A no-transaction
// revision gets no BEGIN/COMMIT and session-level SETs, RESET after.
// Values (ids, messages, checksums, applied_by) are quoted literals. Run
// with `psql -v ON_ERROR_STOP=1 -f`, it leaves the database as the applier
// would (times and durations aside).
std::string preview_apply(const std::vector<revision::Revision>& pending, const Options& options);

// The same for a rollback: `to_undo` oldest first (as for Applier::rollback);
// the script runs the down files newest first, each checking that it is the
// database's revision and deleting its row, then writes the audit row.
std::string preview_rollback(const std::vector<revision::Revision>& to_undo,
                             const Options& options);

}  // namespace strata::apply
