#pragma once

#include "diff/change.h"

namespace strata::diff {

// The change that undoes `change` exactly, given the database state right
// after `change` ran. inverse(inverse(c)) == c for every op except
// AddEnumLabel (its inverse is a RecreateEnum) and AlterColumn dropping a
// generated expression (its inverse is a RecreateColumn).
Change inverse(const Change& change);

}  // namespace strata::diff
