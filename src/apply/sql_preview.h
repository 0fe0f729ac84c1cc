#pragma once

// The SQL an Applier would send, as one script to read (or to run with psql
// where Strata cannot connect): `apply --sql`. Nothing here connects.

#include <string>
#include <vector>

#include "apply/applier.h"
#include "revision/revision.h"

namespace strata::apply {

// The strata schema's DDL (idempotent), then for each pending revision,
// oldest first, its up file step by step (revision/steps.h; a file without
// markers is one step), as the applier runs it:
//   -- step k of n (transaction)          (when there are several)
//   BEGIN;
//   SET LOCAL lock_timeout = '…'; SET LOCAL statement_timeout = '…';
//   DO … (first step only: the applier's checks, not applied yet, the
//         database at its parent)
//   <the step's SQL>
//   INSERT INTO strata.revision_progress … (a step before the last)
//   INSERT INTO strata.revisions (…) VALUES (…); DELETE FROM
//   strata.revision_progress … (the last step)
//   COMMIT;
// A no-transaction step gets no BEGIN/COMMIT and session-level SETs, RESET
// after; when it is the last, the bookkeeping follows in a BEGIN/COMMIT of
// its own. Last comes the strata.audit_log row (source 'script'). Values
// (ids, messages, checksums, applied_by) are quoted literals. Run with
// `psql -v ON_ERROR_STOP=1 -f`, it leaves the database as the applier would
// (times and durations aside); a script does not retry after a lock timeout
// nor record progress inside a no-transaction step. Throws LoadError on a bad
// step marker.
std::string preview_apply(const std::vector<revision::Revision>& pending, const Options& options);

// The same for a rollback: `to_undo` oldest first (as for Applier::rollback);
// the script runs the down files newest first, each checking that it is the
// database's revision and deleting its row, then writes the audit row.
std::string preview_rollback(const std::vector<revision::Revision>& to_undo,
                             const Options& options);

}  // namespace strata::apply
