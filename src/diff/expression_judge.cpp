#include "diff/expression_judge.h"

#include <cctype>

#include "sql/expression.h"

namespace strata::diff {

bool ExpressionJudge::offline_same(const Asked& q) {
  if (q.current == q.desired) return true;
  sql::ExpressionContext ctx;
  ctx.schema = q.table.schema;
  switch (q.kind) {
    case ExpressionQuestion::Kind::kDefault:
    case ExpressionQuestion::Kind::kGenerated:
      for (const auto& c : q.columns)
        if (c.name == q.column) ctx.column_type = c.type;
      return sql::same_expression(q.current, q.desired, ctx);
    case ExpressionQuestion::Kind::kView:
      return sql::same_select(q.current, q.desired, ctx);
    case ExpressionQuestion::Kind::kCheck:
    case ExpressionQuestion::Kind::kIndexExpression:
    case ExpressionQuestion::Kind::kIndexPredicate:
    case ExpressionQuestion::Kind::kPolicyUsing:
    case ExpressionQuestion::Kind::kPolicyCheck:
      return sql::same_expression(q.current, q.desired, ctx);
  }
  return false;
}

// `q` keeping only the columns its spellings could name (the column's name
// appears in one of them; a quoted name contains it too) and the column it
// belongs to: the oracle builds its scratch table from those alone, and a
// question held for every table of a large schema should not hold a copy of
// every table's columns.
ExpressionQuestion ExpressionJudge::with_named_columns(const Asked& q) {
  // Unquoted names fold to lower case; a U&"..." name may spell its letters
  // as escapes: then every column stays.
  auto lower = [](std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string text = lower(q.current) + '\n' + lower(q.desired);
  ExpressionQuestion out{q.kind, q.table, {}, q.column, q.current, q.desired};
  bool every = text.find("u&") != std::string::npos;
  for (const auto& c : q.columns)
    if (every || c.name == q.column || text.find(lower(c.name)) != std::string::npos)
      out.columns.push_back(c);
  return out;
}

std::string ExpressionJudge::key(const Asked& q) {
  std::string k = std::to_string(static_cast<int>(q.kind));
  for (const std::string* part : {&q.table.schema, &q.table.name, &q.column, &q.current, &q.desired}) {
    k += '\x1f';
    k += *part;
  }
  return k;
}

bool ExpressionJudge::same(const Asked& q) {
  if (offline_same(q)) return true;
  if (!oracle_) return false;
  std::string k = key(q);
  auto it = index_.find(k);
  if (collecting_) {
    if (it == index_.end()) {
      index_.emplace(k, questions_.size());
      questions_.push_back(with_named_columns(q));
    }
    return false;
  }
  // A question first met in the answering pass was never asked: count it as
  // a difference rather than make a second round trip.
  if (it == index_.end() || it->second >= answers_.size()) return false;
  return answers_[it->second];
}

bool ExpressionJudge::settle() {
  collecting_ = false;
  if (questions_.empty()) return false;
  answers_ = oracle_->same(questions_);
  return true;
}

}  // namespace strata::diff
