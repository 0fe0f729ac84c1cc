#pragma once

#include <string>

#include "model/schema.h"

namespace strata::introspect::testing {

// Saves `schema` with the model's YAML writer (one file per namespace, and
// again split per table) and loads the files back; returns the model loaded
// from the unsplit files and fills `split` with the one from split files.
// A load error propagates (its message carries file:line:col).
model::Schema yaml_round_trip(const model::Schema& schema, model::Schema* split);

}  // namespace strata::introspect::testing
