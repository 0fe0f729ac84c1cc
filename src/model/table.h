#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/column.h"
#include "model/constraint.h"
#include "model/function.h"
#include "model/index.h"
#include "model/partition.h"
#include "model/table_properties.h"
#include "model/policy.h"
#include "model/privilege.h"

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
  RowSecurity row_security;                  // ENABLE / FORCE ROW LEVEL SECURITY
  std::map<std::string, Policy> policies;    // by name
  Access access;                             // owner and grants, when managed
  std::optional<std::string> comment;
  std::optional<std::string> renamed_from;
  // PARTITION BY as pg_get_partkeydef prints it ("RANGE (logdate)"): a
  // partitioned table. Set on a partition too when it is sub-partitioned.
  std::optional<std::string> partition_by;
  // Set when the table is a partition; its columns are then the parent's
  // and `columns` is empty.
  std::optional<PartitionOf> partition_of;
  // INHERITS: the parents in pg_inherits.inhseqno order. `columns` then
  // holds the table's own columns only (attislocal: its own and those both
  // its own and inherited); those it only inherits are the parents'. So do
  // `checks` (conislocal).
  std::vector<QualifiedName> inherits;
  StorageParameters storage_parameters;
  ReplicaIdentity replica_identity;

  const Column* find_column(const std::string& column_name) const {
    for (const auto& c : columns)
      if (c.name == column_name) return &c;
    return nullptr;
  }

  bool operator==(const Table&) const = default;
};

}  // namespace strata::model
