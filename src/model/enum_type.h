#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/privilege.h"

namespace strata::model {

struct EnumType {
  std::string name;
  std::vector<std::string> labels;  // in sort order
  std::optional<std::string> comment;
  // Desired side only: the type's previous name, and label renames (new -> old).
  std::optional<std::string> renamed_from;
  std::map<std::string, std::string> label_renamed_from;
  Access access;  // owner and grants, when managed

  bool operator==(const EnumType&) const = default;
};

}  // namespace strata::model
