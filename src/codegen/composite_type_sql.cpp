#include "codegen/composite_type_sql.h"

#include "codegen/statement_writer.h"
#include "sql/quote.h"

namespace strata::codegen {
namespace {

// "name type [COLLATE c]"
std::string attribute_definition(const model::CompositeAttribute& a) {
  std::string out = sql::quote_ident(a.name) + " " + a.type;
  if (a.collation) out += " COLLATE " + dotted(*a.collation);
  return out;
}

}  // namespace

std::string composite_type_sql(const diff::CreateCompositeType& c) {
  std::string out = "CREATE TYPE " + qualified(c.name) + " AS (";
  for (size_t i = 0; i < c.type.attributes.size(); ++i)
    out += (i ? ", " : "") + attribute_definition(c.type.attributes[i]);
  out += ");\n";
  if (c.type.comment) out += comment_on("TYPE " + qualified(c.name), c.type.comment);
  return out;
}

std::string composite_type_sql(const diff::DropCompositeType& c) { return "DROP TYPE " + qualified(c.name) + ";\n"; }

std::string composite_type_sql(const diff::AddAttribute& c) {
  return "ALTER TYPE " + qualified(c.type) + " ADD ATTRIBUTE " + attribute_definition(c.attribute) + ";\n";
}

std::string composite_type_sql(const diff::DropAttribute& c) {
  return "ALTER TYPE " + qualified(c.type) + " DROP ATTRIBUTE " + sql::quote_ident(c.attribute.name) + ";\n";
}

std::string composite_type_sql(const diff::AlterAttribute& c) {
  std::string out = "ALTER TYPE " + qualified(c.type) + " ALTER ATTRIBUTE " + sql::quote_ident(c.to.name) +
                    " SET DATA TYPE " + c.to.type;
  if (c.to.collation) out += " COLLATE " + dotted(*c.to.collation);
  return out + ";\n";
}

}  // namespace strata::codegen
