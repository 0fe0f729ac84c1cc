// The expression questions of a plan, recorded before the planner runs: with
// them settled in one round trip, a single planner pass reads every answer
// (without them, the first pass only gathered the questions and a second
// pass planned again on the answers: at 10,000 tables a third of the time
// to plan). Each question is asked exactly as the planner asks it (the same
// sides, column and columns): a question recorded here answers the
// planner's. What is missed here is asked by the planner as before.
#include "diff/expression_judge.h"

namespace strata::diff {
namespace {

using Kind = ExpressionQuestion::Kind;

const std::string kNoColumn;

void ask_columns(const model::QualifiedName& qn, const model::Table& cur, const model::Table& want,
                 ExpressionJudge& judge) {
  for (const auto& w : want.columns) {
    const model::Column* c = cur.find_column(w.name);
    if (!c) continue;
    if (c->generated && w.generated)
      judge.same({Kind::kGenerated, qn, want.columns, w.name, *c->generated, *w.generated});
    if (c->default_expr && w.default_expr)
      judge.same({Kind::kDefault, qn, want.columns, w.name, *c->default_expr, *w.default_expr});
  }
}

void ask_keys(const model::QualifiedName& qn, const model::Table& cur, const model::Table& want,
              ExpressionJudge& judge) {
  const std::vector<model::Column>& columns = want.columns;
  for (const auto& [name, c] : cur.checks) {
    auto it = want.checks.find(name);
    if (it != want.checks.end() && c.no_inherit == it->second.no_inherit)
      judge.same({Kind::kCheck, qn, columns, kNoColumn, c.expression, it->second.expression});
  }
  auto ask_where = [&](const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (a && b && *a != *b) judge.same({Kind::kIndexPredicate, qn, columns, kNoColumn, *a, *b});
  };
  for (const auto& [name, ix] : cur.indexes) {
    auto it = want.indexes.find(name);
    if (it == want.indexes.end() || ix.keys.size() != it->second.keys.size()) continue;
    for (std::size_t i = 0; i < ix.keys.size(); ++i) {
      const auto& a = ix.keys[i].expression;
      const auto& b = it->second.keys[i].expression;
      if (a && b && *a != *b) judge.same({Kind::kIndexExpression, qn, columns, kNoColumn, *a, *b});
    }
    ask_where(ix.where, it->second.where);
  }
  for (const auto& [name, x] : cur.exclusions) {
    auto it = want.exclusions.find(name);
    if (it == want.exclusions.end() || x.elements.size() != it->second.elements.size()) continue;
    for (std::size_t i = 0; i < x.elements.size(); ++i) {
      const std::string& a = x.elements[i].expression;
      const std::string& b = it->second.elements[i].expression;
      if (a != b) judge.same({Kind::kIndexExpression, qn, columns, kNoColumn, a, b});
    }
    ask_where(x.where, it->second.where);
  }
}

}  // namespace

void ask_ahead(const model::Schema& current, const model::Schema& desired, ExpressionJudge& judge) {
  const std::vector<model::Column> no_columns;
  for (const auto& [ns_name, wns] : desired.namespaces) {
    auto cns = current.namespaces.find(ns_name);
    if (cns == current.namespaces.end()) continue;
    for (const auto& [name, want] : wns.tables) {
      auto cur = cns->second.tables.find(name);
      if (cur == cns->second.tables.end()) continue;
      // A partition is compared with its root parent's columns, an
      // inheritance child's keys with the columns it inherits.
      if (cur->second.partition_of || want.partition_of || !want.inherits.empty()) continue;
      const model::QualifiedName qn{ns_name, name};
      ask_columns(qn, cur->second, want, judge);
      ask_keys(qn, cur->second, want, judge);
    }
    for (const auto& [name, want] : wns.views) {
      auto cur = cns->second.views.find(name);
      if (cur == cns->second.views.end() || cur->second.materialized != want.materialized) continue;
      judge.same({Kind::kView, {ns_name, name}, no_columns, kNoColumn, cur->second.query, want.query});
    }
  }
}

}  // namespace strata::diff
