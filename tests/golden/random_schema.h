#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <utility>

#include "model/schema.h"

namespace strata::golden {

// Seeded generator of schema pairs (A, B) for the property test: A is a
// random schema, B is A after a few random edits (tables, columns added or
// dropped at any position, types, nullability, defaults, keys, indexes,
// foreign keys, enum labels added, removed or reordered under checks,
// partial and expression indexes, defaults and views over enum columns,
// comments, views, renames through renamed_from). Every A and B is valid for
// PostgreSQL on empty tables. The same seed gives the same pair.
std::pair<model::Schema, model::Schema> random_pair(std::uint64_t seed);

// Smaller pairs derived from (a, b) for shrinking a failure: each drops one
// table or one column from both sides, or drops every view.
std::vector<std::pair<model::Schema, model::Schema>> shrink_candidates(const model::Schema& a,
                                                                       const model::Schema& b);

}  // namespace strata::golden
