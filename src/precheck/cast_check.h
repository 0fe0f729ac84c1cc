#pragma once

// The rows on which a column's type change fails or cuts values.

#include <optional>
#include <string>
#include <vector>

namespace strata::precheck {

struct CastCheck {
  std::string kind;       // "cast" or "narrowing"
  std::string condition;  // SQL, true for a row that fails (NULL rows never do)
  std::string what;       // e.g. "values that are not integers"
};

// The condition on column `column` (already quoted and qualified, e.g.
// `r.estimate`) for a change from canonical type `from` to `to`.
// `enum_labels` are the labels of `to` when it is an enum. Returns nullopt
// when nothing can fail (e.g. anything to text), or when no cheap per-row
// test exists; `checkable` then tells the two apart.
std::optional<CastCheck> cast_check(const std::string& column, const std::string& from,
                                    const std::string& to,
                                    const std::optional<std::vector<std::string>>& enum_labels,
                                    bool& checkable);

}  // namespace strata::precheck
