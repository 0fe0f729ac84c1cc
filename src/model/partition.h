#pragma once

#include <string>

#include "model/qualified_name.h"

namespace strata::model {

// A table that is a partition of `parent`: CREATE TABLE ... PARTITION OF
// parent <bound>. Its columns are the parent's; the model lists none.
struct PartitionOf {
  QualifiedName parent;
  // The bound as pg_get_expr prints it: "FOR VALUES FROM ('2024-01-01') TO
  // ('2025-01-01')", "FOR VALUES IN (1, 2)", "FOR VALUES WITH (modulus 4,
  // remainder 0)" or "DEFAULT". Compared after parsing (sql/partition.h), so
  // keyword case and spacing do not matter; literals compare as written.
  std::string bound;

  bool operator==(const PartitionOf&) const = default;
};

}  // namespace strata::model
