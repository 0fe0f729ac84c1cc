#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::model {

// A column an SQL expression names: `a` or `t.a` (the last name part).
struct ColumnReference {
  std::string column;
  int offset = 0;  // 0-based byte offset of the reference in the expression
  bool qualified = false;

  bool operator==(const ColumnReference&) const = default;
};

// The column references of one scalar expression, in text order; empty when
// it does not parse. References of three or more parts and whole-row
// references (t.*) are left out.
std::vector<ColumnReference> column_references(std::string_view expression);

}  // namespace strata::model
