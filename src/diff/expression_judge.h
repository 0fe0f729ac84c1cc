#pragma once

#include <map>
#include <string>
#include <vector>

#include "diff/expression_oracle.h"

namespace strata::diff {

// Decides whether two spellings of an expression mean the same, offline
// first (sql::same_expression and friends), then by the oracle. The planner
// runs twice when there is an oracle: the first pass (collecting) records
// every question the offline comparison cannot settle; settle() asks them all
// in one oracle call; the second pass reads the answers. Internal to diff.
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

  // True when `q.current` and `q.desired` are the same expression. While
  // collecting, an open question answers false (and is recorded).
  bool same(const Asked& q);

  // Asks the oracle every recorded question in one call and switches to
  // answering. Returns false when there was nothing to ask (the first pass
  // is then already the final one).
  bool settle();

 private:
  static bool offline_same(const Asked& q);
  static std::string key(const Asked& q);
  static ExpressionQuestion with_named_columns(const Asked& q);

  ExpressionOracle* oracle_;
  bool collecting_ = true;
  std::vector<ExpressionQuestion> questions_;
  std::map<std::string, size_t> index_;  // key -> position in questions_
  std::vector<bool> answers_;
};

}  // namespace strata::diff
