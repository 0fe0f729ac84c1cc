#pragma once

#include <string>

#include "model/schema.h"

namespace strata::introspect::testing {

// Every field of a model, one line per object, for readable test failures
// (diff two dumps to see what differs).
std::string dump(const model::Schema& schema);

}  // namespace strata::introspect::testing
