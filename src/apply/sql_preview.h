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
//   <the up file>
//   INSERT INTO strata.revisions (…) VALUES (…);
//   COMMIT;
// A no-transaction revision gets no BEGIN/COMMIT and session-level SETs.
// Values (ids, messages, checksums, applied_by) are quoted literals.
std::string preview_apply(const std::vector<revision::Revision>& pending, const Options& options);

// The same for a rollback: `to_undo` oldest first (as for Applier::rollback);
// the script runs the down files newest first, each deleting its row.
std::string preview_rollback(const std::vector<revision::Revision>& to_undo,
                             const Options& options);

}  // namespace strata::apply
