#include "diff/change.h"

namespace strata::diff {

const std::string& constraint_name(const Constraint& c) {
  return std::visit([](const auto& k) -> const std::string& { return k.name; }, c);
}

}  // namespace strata::diff
