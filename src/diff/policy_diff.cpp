// Row-level security: ENABLE/FORCE and the policies of every table. Policies
// go after everything else is created (their expressions may read other
// tables, views and functions) and before anything is dropped; a policy
// reading a column that changes type or goes away is dropped and created
// around that change, as PostgreSQL refuses to alter such a column.
#include "diff/planner.h"

namespace strata::diff {

model::Table without_row_security(model::Table t) {
  t.row_security = {};
  t.policies.clear();
  return t;
}

namespace {

// The policy's expressions as one expression, for the column and table scan.
std::string expressions_of(const model::Policy& p) {
  std::string out;
  for (const auto& e : {p.using_expr, p.with_check_expr})
    if (e) out += (out.empty() ? "(" : " AND (") + *e + "\n)";
  return out.empty() ? "true" : out;
}

bool alterable(const model::Policy& a, const model::Policy& b) {
  return a.command == b.command && a.permissive == b.permissive &&
         a.using_expr.has_value() == b.using_expr.has_value() &&
         a.with_check_expr.has_value() == b.with_check_expr.has_value();
}

}  // namespace

bool Planner::same_policy_expression(const QualifiedName& table, bool using_clause,
                                     const std::optional<std::string>& a,
                                     const std::optional<std::string>& b,
                                     const std::vector<model::Column>& columns) {
  if (!a || !b) return a.has_value() == b.has_value();
  auto kind = using_clause ? ExpressionQuestion::Kind::kPolicyUsing
                           : ExpressionQuestion::Kind::kPolicyCheck;
  return judge_.same({kind, table, columns, "", *a, *b});
}

void Planner::diff_policies() {
  // True when the policy reads a column that the plan retypes or drops (of
  // its own table or of a table its subqueries read).
  auto disturbed = [&](const QualifiedName& table, const model::Policy& p) {
    if (disturbed_columns_.empty()) return false;  // no column is retyped or dropped: no parse
    std::string text = expressions_of(p);
    std::set<QualifiedName> tables = relations_read("SELECT 1 WHERE " + text, table.schema);
    tables.insert(table);
    for (const auto& t : tables) {
      auto it = disturbed_columns_.find(t);
      if (it == disturbed_columns_.end()) continue;
      for (const auto& c : it->second)
        if (c == "*" ? t != table : mentions_column(text, c)) return true;
    }
    return false;
  };
  const std::set<std::string> names = namespace_names(cur_, want_);
  for (const auto& ns_name : names) {
    const auto& cns = find_namespace(cur_, ns_name);
    const auto& wns = find_namespace(want_, ns_name);
    for (const auto& [name, ct] : cns.tables) {
      QualifiedName qn{ns_name, name};
      auto wt = wns.tables.find(name);
      if (wt != wns.tables.end()) continue;
      // The table goes: its policies first, then its row security.
      for (const auto& [_, p] : ct.policies) add(kPolicyDrops, DropPolicy{qn, p});
      if (ct.row_security != model::RowSecurity{})
        add(kPolicyDrops, SetRowSecurity{qn, ct.row_security, {}});
    }
    for (const auto& [name, wt] : wns.tables) {
      QualifiedName qn{ns_name, name};
      auto ct_it = cns.tables.find(name);
      static const model::Table kNone;
      const model::Table& ct = ct_it == cns.tables.end() ? kNone : ct_it->second;
      if (ct.row_security != wt.row_security)
        add(kPolicies, SetRowSecurity{qn, ct.row_security, wt.row_security});
      for (const auto& [pname, cp] : ct.policies) {
        auto it = wt.policies.find(pname);
        if (it == wt.policies.end()) {
          add(kPolicyDrops, DropPolicy{qn, cp});
          continue;
        }
        const model::Policy& wp = it->second;
        bool same_using = same_policy_expression(qn, true, cp.using_expr, wp.using_expr, wt.columns);
        bool same_check =
            same_policy_expression(qn, false, cp.with_check_expr, wp.with_check_expr, wt.columns);
        bool same = same_using && same_check && cp.command == wp.command &&
                    cp.permissive == wp.permissive && cp.roles == wp.roles;
        const bool moved = disturbed(qn, cp);
        if (moved || !alterable(cp, wp)) {
          if (same && !moved) continue;
          add(kPolicyDrops, DropPolicy{qn, cp});
          add(kPolicies, CreatePolicy{qn, wp});
          continue;
        }
        if (same) continue;
        // Spellings the judge found equal are kept as the catalog has them,
        // so the statement touches only what changes.
        model::Policy to = wp;
        if (same_using) to.using_expr = cp.using_expr;
        if (same_check) to.with_check_expr = cp.with_check_expr;
        add(kPolicies, AlterPolicy{qn, cp, to});
      }
      for (const auto& [pname, wp] : wt.policies)
        if (!ct.policies.count(pname)) add(kPolicies, CreatePolicy{qn, wp});
    }
  }
}

}  // namespace strata::diff
