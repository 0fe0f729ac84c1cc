#pragma once

// SQL of table inheritance. Internal to codegen.

#include <string>
#include <vector>

#include "diff/change.h"

namespace strata::codegen {

// "INHERITS (a.p, b.q)" in the order given.
std::string inherits_clause(const std::vector<model::QualifiedName>& parents);

std::string add_inheritance_sql(const diff::AddInheritance& c);
std::string drop_inheritance_sql(const diff::DropInheritance& c);

}  // namespace strata::codegen
