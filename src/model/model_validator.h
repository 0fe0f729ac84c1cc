#pragma once

// Internal to the YAML loader: the checks that need every file (types that
// name enums, references between tables, name clashes in a schema), and the
// normalization that depends on them (canonical types, implied NOT NULL,
// foreign keys to a primary key).

#include "model/load_context.h"
#include "model/schema.h"

namespace strata::model {

void validate_and_normalize(Schema& schema, LoadContext& ctx);

}  // namespace strata::model
