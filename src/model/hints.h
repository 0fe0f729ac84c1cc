#pragma once

#include "model/schema.h"

namespace strata::model {

// The model without any desired-side hint: every renamed_from (tables,
// columns, indexes, constraints, enums), every column's using and every enum
// label rename cleared,
// so a desired model compares equal to the catalog model of the database
// that the desired model produced.
Schema strip_hints(Schema schema);

// True when `schema` carries a rename hint (a renamed_from of a table,
// column, index, constraint or enum, or an enum label rename): the only
// hints that make the planner change the current schema it plans from.
bool has_rename_hints(const Schema& schema);

}  // namespace strata::model
