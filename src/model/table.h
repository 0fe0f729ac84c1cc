#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/column.h"
#include "model/constraint.h"
#include "model/function.h"
#include "model/index.h"

namespace strata::model {

// A table. Inline forms of the YAML (primary_key/unique/references on a
// column) are normalized into the table-level members at load time, with
// PostgreSQL's default names, so both sides of a diff look the same.
struct Table {
  std::string name;
  std::vector<Column> columns;  // in column order
  std::optional<PrimaryKey> primary_key;
  std::map<std::string, UniqueConstraint> uniques;        // by name
  std::map<std::string, CheckConstraint> checks;          // by name
  std::map<std::string, ForeignKey> foreign_keys;         // by name
  std::map<std::string, ExclusionConstraint> exclusions;  // by name
  std::map<std::string, Index> indexes;                   // by name; not those backing constraints
  std::map<std::string, Trigger> triggers;                // by name
  bool unlogged = false;
  std::optional<std::string> comment;
  std::optional<std::string> renamed_from;

  const Column* find_column(const std::string& column_name) const {
    for (const auto& c : columns)
      if (c.name == column_name) return &c;
    return nullptr;
  }

  bool operator==(const Table&) const = default;
};

}  // namespace strata::model
