#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The SQL of the collation changes, each statement ending in ";\n".
std::string collation_sql(const diff::CreateCollation& c);
std::string collation_sql(const diff::DropCollation& c);

}  // namespace strata::codegen
