#pragma once

#include <string>
#include <vector>

#include "model/column.h"
#include "model/qualified_name.h"

namespace strata::diff {

// A question for the server: do these two spellings of an expression mean the
// same thing? Asked only for what the offline comparison (sql::) still finds
// different. Carries everything needed to build a scratch object on the
// server, so the answer does not depend on the real table existing yet.
struct ExpressionQuestion {
  enum class Kind {
    kDefault,          // column default; `column` names the column
    kGenerated,        // stored generated expression; `column` names the column
    kCheck,            // CHECK constraint body
    kIndexExpression,  // one expression key of an index
    kIndexPredicate,   // WHERE of a partial index
    kView,             // a view's SELECT
    kPolicyUsing,      // USING of a row-level security policy
    kPolicyCheck,      // WITH CHECK of a row-level security policy
  };

  Kind kind = Kind::kDefault;
  model::QualifiedName table;          // the table or view the expression belongs to
  std::vector<model::Column> columns;  // the table's columns (desired side), for a scratch table
  std::string column;                  // for kDefault and kGenerated
  std::string current;                 // as the catalog printed it
  std::string desired;                 // as the model spells it

  bool operator==(const ExpressionQuestion&) const = default;
};

// Confirms expression differences with a PostgreSQL server. The differ never
// touches a connection; it is handed one of these (or none: then every
// offline difference counts as a change).
class ExpressionOracle {
 public:
  virtual ~ExpressionOracle() = default;

  // For each question, true when the server renders `current` and `desired`
  // identically. All questions go in one round trip inside BEGIN ... ROLLBACK;
  // nothing is left behind. A question the server cannot render (e.g. it
  // names an object that does not exist yet) answers false.
  virtual std::vector<bool> same(const std::vector<ExpressionQuestion>& questions) = 0;
};

}  // namespace strata::diff
