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

// The question as the server sees it: the scratch objects the oracle builds
// read the table's schema and the columns the spellings name, but not the
// table's name (a policy's and a view's aside, which may name their own
// relation). Questions with equal keys and equal columns are asked once.
std::string ExpressionJudge::server_key(const ExpressionQuestion& q) {
  bool own_name = q.kind == ExpressionQuestion::Kind::kView ||
                  q.kind == ExpressionQuestion::Kind::kPolicyUsing ||
                  q.kind == ExpressionQuestion::Kind::kPolicyCheck;
  std::string k = std::to_string(static_cast<int>(q.kind));
  for (const std::string* part : {&q.table.schema, own_name ? &q.table.name : nullptr, &q.column,
                                  &q.current, &q.desired}) {
    k += '\x1f';
    if (!part) continue;
    k += std::to_string(part->size());
    k += ':';
    k += *part;
  }
  return k;
}

size_t ExpressionJudge::record(const Asked& q, const std::string& k) {
  ExpressionQuestion question = with_named_columns(q);
  auto& same_key = by_server_key_[server_key(question)];
  for (size_t at : same_key)
    if (questions_[at].columns == question.columns) {
      index_.emplace(k, at);
      return at;
    }
  same_key.push_back(questions_.size());
  index_.emplace(k, questions_.size());
  questions_.push_back(std::move(question));
  return questions_.size() - 1;
}

bool ExpressionJudge::same(const Asked& q) {
  if (offline_same(q)) return true;
  if (!oracle_) return false;
  std::string k = key(q);
  auto it = index_.find(k);
  if (it != index_.end()) return it->second < answers_.size() && answers_[it->second];
  if (!recording_) return false;
  // The server may have answered it already, for another table.
  size_t at = record(q, k);
  return at < answers_.size() && answers_[at];
}

bool ExpressionJudge::settle(bool last) {
  if (last) recording_ = false;
  if (!oracle_ || questions_.size() == answers_.size()) return false;
  std::vector<bool> answers;
  if (answers_.empty()) {
    answers = oracle_->same(questions_);
  } else {
    std::vector<ExpressionQuestion> open(questions_.begin() + static_cast<std::ptrdiff_t>(answers_.size()),
                                         questions_.end());
    answers = oracle_->same(open);
  }
  answers.resize(questions_.size() - answers_.size(), false);
  answers_.insert(answers_.end(), answers.begin(), answers.end());
  return true;
}

}  // namespace strata::diff
