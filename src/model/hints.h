#pragma once

#include "model/schema.h"

namespace strata::model {

// The model without any desired-side hint: every renamed_from (tables,
// columns, indexes, constraints, enums), every column's using and every enum
// label rename cleared,
// so a desired model compares equal to the catalog model of the database
// that the desired model produced.
Schema strip_hints(Schema schema);

}  // namespace strata::model
