#include "codegen/inheritance_sql.h"

#include "codegen/statement_writer.h"

namespace strata::codegen {

std::string inherits_clause(const std::vector<model::QualifiedName>& parents) {
  std::string out = "INHERITS (";
  for (size_t i = 0; i < parents.size(); ++i) out += (i ? ", " : "") + qualified(parents[i]);
  return out + ")";
}

std::string add_inheritance_sql(const diff::AddInheritance& c) {
  return "ALTER TABLE " + qualified(c.table) + " INHERIT " + qualified(c.parent) + ";\n";
}

std::string drop_inheritance_sql(const diff::DropInheritance& c) {
  return "ALTER TABLE " + qualified(c.table) + " NO INHERIT " + qualified(c.parent) + ";\n";
}

}  // namespace strata::codegen
