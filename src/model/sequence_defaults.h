#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/column.h"

namespace strata::model {

// PostgreSQL's defaults for a sequence of `type` ("smallint", "integer",
// "bigint"; serial pseudo types count as their integer type):
//   ascending (increment > 0):  min 1, max the type's maximum, start = min
//   descending (increment < 0): min the type's minimum, max -1, start = max
//   increment 1, cache 1, no cycle.

// The options in the model's normal form, the same whether they come from
// YAML or the catalog: a start left out is filled in as PostgreSQL would
// (from min or max), then every option equal to its default for the type
// and direction (start 1 / -1, min, max, increment 1, cache 1) is emptied.
SequenceOptions normalize_sequence_options(std::string_view type, SequenceOptions options);

// What is wrong with the options for `type` (a bound outside the type, min
// not below max, start outside [min, max], a zero increment), or nothing.
std::optional<std::string> sequence_options_error(std::string_view type,
                                                  const SequenceOptions& options);

}  // namespace strata::model
