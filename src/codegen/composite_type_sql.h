#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The SQL of the composite type changes, each statement ending in ";\n".
std::string composite_type_sql(const diff::CreateCompositeType& c);
std::string composite_type_sql(const diff::DropCompositeType& c);
std::string composite_type_sql(const diff::AddAttribute& c);
std::string composite_type_sql(const diff::DropAttribute& c);
std::string composite_type_sql(const diff::AlterAttribute& c);

}  // namespace strata::codegen
