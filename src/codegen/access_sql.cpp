#include "codegen/access_sql.h"

#include <vector>

#include "codegen/statement_writer.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

using diff::AccessKind;

// The object as ALTER <this> ... OWNER TO names it.
std::string alter_object(const diff::AccessTarget& t) {
  switch (t.kind) {
    case AccessKind::kSchema: return "SCHEMA " + sql::quote_ident(t.name.schema);
    case AccessKind::kTable: return "TABLE " + qualified(t.name);
    case AccessKind::kView: return "VIEW " + qualified(t.name);
    case AccessKind::kMaterializedView: return "MATERIALIZED VIEW " + qualified(t.name);
    case AccessKind::kSequence: return "SEQUENCE " + qualified(t.name);
    case AccessKind::kType: return "TYPE " + qualified(t.name);
    // ROUTINE: a function or a procedure alike.
    case AccessKind::kFunction: return "ROUTINE " + qualified(t.name) + "(" + t.arguments + ")";
  }
  return "TABLE " + qualified(t.name);
}

// The object as GRANT ... ON <this> names it (views are tables there).
std::string grant_object(const diff::AccessTarget& t) {
  if (t.kind == AccessKind::kView || t.kind == AccessKind::kMaterializedView)
    return "TABLE " + qualified(t.name);
  return alter_object(t);
}

}  // namespace

std::string access_target_text(const diff::AccessTarget& t) {
  switch (t.kind) {
    case AccessKind::kSchema: return "schema " + t.name.schema;
    case AccessKind::kTable: return "table " + t.name.str();
    case AccessKind::kView: return "view " + t.name.str();
    case AccessKind::kMaterializedView: return "materialized view " + t.name.str();
    case AccessKind::kSequence: return "sequence " + t.name.str();
    case AccessKind::kType: return "type " + t.name.str();
    case AccessKind::kFunction: return "function " + t.name.str() + "(" + t.arguments + ")";
  }
  return t.name.str();
}

std::string set_owner_sql(const diff::SetOwner& c) {
  // No owner to go back to: the object was created by the plan and its
  // inverse drops it next.
  if (c.to.empty()) return "";
  return "ALTER " + alter_object(c.target) + " OWNER TO " + sql::quote_ident(c.to) + ";\n";
}

std::string alter_privileges_sql(const diff::AlterPrivileges& c) {
  // Privilege names come from the model's closed list (model::known_privileges).
  std::vector<std::string> revoke, revoke_option, grant, grant_option;
  for (const auto& [p, grantable] : c.from) {
    auto to = c.to.find(p);
    if (to == c.to.end()) revoke.push_back(p);
    else if (grantable && !to->second) revoke_option.push_back(p);
  }
  for (const auto& [p, grantable] : c.to) {
    auto from = c.from.find(p);
    bool had = from != c.from.end();
    if (grantable && !(had && from->second)) grant_option.push_back(p);
    else if (!grantable && !had) grant.push_back(p);
  }
  std::string on = " ON " + grant_object(c.target);
  std::string out;
  if (!revoke.empty()) out += "REVOKE " + sql::join(revoke) + on + " FROM " + role_sql(c.grantee) + ";\n";
  if (!revoke_option.empty())
    out += "REVOKE GRANT OPTION FOR " + sql::join(revoke_option) + on + " FROM " + role_sql(c.grantee) + ";\n";
  if (!grant.empty()) out += "GRANT " + sql::join(grant) + on + " TO " + role_sql(c.grantee) + ";\n";
  if (!grant_option.empty())
    out += "GRANT " + sql::join(grant_option) + on + " TO " + role_sql(c.grantee) + " WITH GRANT OPTION;\n";
  return out;
}

}  // namespace strata::codegen
