#pragma once

// Drift (the database differs from the models) as `check` and `status`
// report it: a problem per change with its items as data, and the place in
// the model files that declares the object, for editors and CI annotations.

#include <vector>

#include "app/results.h"
#include "codegen/drift_item.h"
#include "core/error.h"
#include "diff/plan.h"
#include "model/yaml_loader.h"

namespace strata::app {

// Where the models declare what `change` touches: the column for a column
// change, the constraint, index, table, enum, sequence or view; the table
// when the object itself is not in the models (a column to drop). Empty
// when the models hold nothing of it (a table to drop).
Location declared_at(const diff::Change& change, const model::SourceMap& where);

// Every change of `plan` as items.
std::vector<codegen::DriftItem> drift_items(const diff::Plan& plan);

// One problem of kind "drift" per change: the message, its items, and the
// file, line and column of its declaration when known. While revisions are
// pending the advice is to apply them, never to write another revision.
std::vector<Problem> drift_problems(const diff::Plan& plan, const model::SourceMap& where,
                                    bool revisions_pending = false);

}  // namespace strata::app
