#include "codegen/policy_sql.h"

#include "codegen/statement_writer.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

std::string policy_on(const std::string& policy, const model::QualifiedName& table) {
  return sql::quote_ident(policy) + " ON " + qualified(table);
}

std::string roles_sql(const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (const auto& r : roles) out.push_back(role_sql(r));
  return sql::join(out);
}

std::string command_sql(model::PolicyCommand c) {
  switch (c) {
    case model::PolicyCommand::kAll: return "ALL";
    case model::PolicyCommand::kSelect: return "SELECT";
    case model::PolicyCommand::kInsert: return "INSERT";
    case model::PolicyCommand::kUpdate: return "UPDATE";
    case model::PolicyCommand::kDelete: return "DELETE";
  }
  return "ALL";
}

// " USING (...)" and " WITH CHECK (...)" for the clauses `p` has.
std::string clauses(const model::Policy& p) {
  std::string out;
  if (p.using_expr)
    out += "\n  USING (" + expression_sql(*p.using_expr, "policy " + p.name + " USING") + ")";
  if (p.with_check_expr)
    out += "\n  WITH CHECK (" + expression_sql(*p.with_check_expr, "policy " + p.name + " WITH CHECK") + ")";
  return out;
}

}  // namespace

std::string set_row_security_sql(const diff::SetRowSecurity& c) {
  std::string out;
  std::string alter = "ALTER TABLE " + qualified(c.table) + " ";
  if (c.from.enabled != c.to.enabled)
    out += alter + (c.to.enabled ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY;\n";
  if (c.from.forced != c.to.forced)
    out += alter + (c.to.forced ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY;\n";
  return out;
}

std::string create_policy_sql(const diff::CreatePolicy& c) {
  const model::Policy& p = c.policy;
  std::string sql = "CREATE POLICY " + policy_on(p.name, c.table) + " AS " +
                    (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command_sql(p.command) +
                    " TO " + roles_sql(p.roles) + clauses(p) + ";\n";
  return in_view_schema(c.table.schema, sql);
}

std::string drop_policy_sql(const diff::DropPolicy& c) {
  return "DROP POLICY " + policy_on(c.policy.name, c.table) + ";\n";
}

std::string alter_policy_sql(const diff::AlterPolicy& c) {
  model::Policy changed;
  changed.name = c.to.name;
  changed.roles = {};
  if (c.from.using_expr != c.to.using_expr) changed.using_expr = c.to.using_expr;
  if (c.from.with_check_expr != c.to.with_check_expr) changed.with_check_expr = c.to.with_check_expr;
  std::string sql = "ALTER POLICY " + policy_on(c.to.name, c.table);
  if (c.from.roles != c.to.roles) sql += " TO " + roles_sql(c.to.roles);
  sql += clauses(changed) + ";\n";
  return in_view_schema(c.table.schema, sql);
}

}  // namespace strata::codegen
