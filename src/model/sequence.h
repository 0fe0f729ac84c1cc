#pragma once

#include <optional>
#include <string>

#include "model/privilege.h"

#include "model/column.h"

namespace strata::model {

// A free-standing sequence. Sequences owned by serial or identity columns are
// part of their column and never appear here.
struct Sequence {
  std::string name;
  std::string type = "bigint";  // smallint, integer or bigint
  SequenceOptions options;
  std::optional<std::string> owned_by;  // "table.column" in the same schema
  std::optional<std::string> comment;
  Access access;  // owner and grants, when managed

  bool operator==(const Sequence&) const = default;
};

}  // namespace strata::model
