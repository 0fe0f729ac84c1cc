#pragma once

#include <map>
#include <string>
#include <vector>

#include "diff/expression_oracle.h"
#include "model/schema.h"

namespace strata::diff {

// Decides whether two spellings of an expression mean the same, offline
// first (sql::same_expression and friends), then by the oracle. A question
// the offline comparison cannot settle is recorded and answers false until
// settle() has asked the oracle every recorded question in one call; from
// then on it answers the oracle's verdict. plan() records the questions of
// the tables and views on both sides ahead of planning (ask_ahead), so that
// one planner pass usually reads every answer; a pass that still met new
// questions is run again once they are settled. Internal to diff.
class ExpressionJudge {
 public:
  // One comparison as the planner asks it: references into the schemas it
  // compares, so a comparison copies nothing (a table's columns were copied
  // for every default, check and index compared, in both passes). Only a
  // question recorded for the oracle is copied, with the columns it names.
  struct Asked {
    ExpressionQuestion::Kind kind;
    const model::QualifiedName& table;
    const std::vector<model::Column>& columns;
    const std::string& column;
    const std::string& current;
    const std::string& desired;
  };

  explicit ExpressionJudge(ExpressionOracle* oracle) : oracle_(oracle) {}

  // True when `q.current` and `q.desired` are the same expression. A
  // question not settled yet answers false (and is recorded, unless the
  // judge no longer records: see settle()).
  bool same(const Asked& q);

  // Asks the oracle every question recorded since the last call, in one
  // call. Returns false when there was nothing to ask. With `last`, a
  // question met afterwards is never asked (it counts as a difference
  // rather than costing another round trip).
  bool settle(bool last = false);

  // The number of questions put to the oracle so far: an application
  // repeats the same spellings on many tables, and questions that build the
  // same scratch objects on the server are asked once.
  std::size_t asked() const { return answers_.size(); }

 private:
  static bool offline_same(const Asked& q);
  static std::string key(const Asked& q);
  static std::string server_key(const ExpressionQuestion& q);
  static ExpressionQuestion with_named_columns(const Asked& q);
  // Records `q` under key `k`; returns its position in questions_.
  size_t record(const Asked& q, const std::string& k);

  ExpressionOracle* oracle_;
  bool recording_ = true;
  std::vector<ExpressionQuestion> questions_;  // distinct as the server sees them
  std::map<std::string, size_t> index_;        // key -> position in questions_
  // server_key -> the positions in questions_ with that key (their columns
  // may differ).
  std::map<std::string, std::vector<size_t>> by_server_key_;
  std::vector<bool> answers_;  // for questions_[0 .. answers_.size())
};

// Records in `judge` the questions that comparing the tables and views
// present on both sides will ask (defaults, generated columns, checks, index
// and exclusion expressions and predicates, views), as the planner asks
// them. Partitions and inheritance children are left to the planner: their
// comparisons are made against columns it works out.
void ask_ahead(const model::Schema& current, const model::Schema& desired, ExpressionJudge& judge);

}  // namespace strata::diff
