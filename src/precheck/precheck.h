#pragma once

// The data side of a plan: for every change that can fail on existing rows
// (or cut values), a read-only query that finds those rows, written into the
// revision (revision/precheck.h) and run by `create` (warnings) and `apply`
// (a gate). Pure: builds text, never touches a connection.
//
// Each query reads the database as it is before the revision: names renamed
// earlier in the plan are mapped back, tables the plan creates need no check,
// and a check that would read a column the plan adds or retypes before it is
// a note (`unchecked`) instead of a query that cannot run. Rows are named by
// the table's current primary key, `(id)=(42)`, or by `ctid` without one,
// followed by the values at fault; queries order by that key.

#include <vector>

#include "diff/plan.h"
#include "model/schema.h"
#include "revision/precheck.h"

namespace strata::precheck {

// The checks of `plan` (from `current` to `desired`), in the plan's order.
std::vector<revision::Precheck> prechecks_for(const diff::Plan& plan, const model::Schema& current,
                                              const model::Schema& desired);

}  // namespace strata::precheck
