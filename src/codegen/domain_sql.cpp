#include "codegen/domain_sql.h"

#include "codegen/statement_writer.h"
#include "sql/parse_result.h"
#include "sql/quote.h"

namespace strata::codegen {
namespace {

// DEFAULT of CREATE DOMAIN takes the same restricted expression as a
// column's; what needs more is written in parentheses.
std::string domain_default_clause(const std::string& expression) {
  if (!sql::check_syntax("CREATE DOMAIN d AS integer DEFAULT " + expression + "\n").has_value())
    return " DEFAULT " + expression;
  return " DEFAULT (" + expression + ")";
}

std::string check_clause(const std::string& name, const std::string& expression) {
  return "CONSTRAINT " + sql::quote_ident(name) + " CHECK (" + expression_sql(expression, "domain check") + ")";
}

}  // namespace

std::string domain_sql(const diff::CreateDomain& c) {
  const model::Domain& d = c.domain;
  std::string out = "CREATE DOMAIN " + qualified(c.name) + " AS " + d.type;
  if (d.collation) out += " COLLATE " + dotted(*d.collation);
  if (d.default_expr) out += domain_default_clause(expression_sql(*d.default_expr, "domain default"));
  if (!d.nullable) out += " NOT NULL";
  for (const auto& [name, expression] : d.checks) out += " " + check_clause(name, expression);
  out += ";\n";
  if (d.comment) out += comment_on("DOMAIN " + qualified(c.name), d.comment);
  return out;
}

std::string domain_sql(const diff::DropDomain& c) { return "DROP DOMAIN " + qualified(c.name) + ";\n"; }

std::string domain_sql(const diff::AlterDomain& c) {
  std::string alter = "ALTER DOMAIN " + qualified(c.name);
  std::string out;
  if (c.default_expr)
    out += alter + (c.to.default_expr ? " SET DEFAULT " + expression_sql(*c.to.default_expr, "domain default")
                                      : std::string(" DROP DEFAULT")) + ";\n";
  if (c.nullable) out += alter + (c.to.nullable ? " DROP NOT NULL" : " SET NOT NULL") + ";\n";
  return out;
}

std::string domain_sql(const diff::AddDomainCheck& c) {
  return "ALTER DOMAIN " + qualified(c.domain) + " ADD " + check_clause(c.name, c.expression) + ";\n";
}

std::string domain_sql(const diff::DropDomainCheck& c) {
  return "ALTER DOMAIN " + qualified(c.domain) + " DROP CONSTRAINT " + sql::quote_ident(c.name) + ";\n";
}

}  // namespace strata::codegen
