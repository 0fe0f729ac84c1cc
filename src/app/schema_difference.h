#pragma once

#include <string>

#include "model/schema.h"

namespace strata::app {

// Names the first object that differs between two models, e.g.
// "table public.users: column email differs" or "enum public.role is only in
// the first"; empty when they are equal. For messages (the create proof).
std::string first_difference(const model::Schema& a, const model::Schema& b);

}  // namespace strata::app
