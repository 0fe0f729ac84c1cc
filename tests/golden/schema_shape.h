#pragma once

#include <string>

#include "model/schema.h"

namespace strata::golden {

// A text listing of everything in `schema` but expression spellings (which
// only the differ can compare): names, types, nullability, keys, foreign
// keys, index columns, labels, comments. Columns are listed by name, since
// PostgreSQL cannot reorder them. Two schemas with equal shapes and an empty
// plan between them are the same.
std::string shape(const model::Schema& schema);

}  // namespace strata::golden
