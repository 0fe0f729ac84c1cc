// Partitions and the table properties that change in place: attach and
// detach, storage parameters, replica identity, column statistics, storage
// and compression, and the validity of checks and foreign keys.
#include "diff/planner.h"
#include "sql/partition.h"

namespace strata::diff {
namespace {

bool same_key(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return a == b;
  return sql::same_partition_key(*a, *b);
}

bool same_partition(const std::optional<model::PartitionOf>& a,
                    const std::optional<model::PartitionOf>& b) {
  if (!a || !b) return a == b;
  return a->parent == b->parent && sql::same_partition_bound(a->bound, b->bound);
}

template <typename T>
T with_validity(T c, bool not_valid) {
  c.not_valid = not_valid;
  return c;
}

}  // namespace

std::set<QualifiedName> Planner::tables_to_recreate() const {
  std::set<QualifiedName> out;
  for (const auto& [ns_name, wns] : want_.namespaces)
    for (const auto& [name, want] : wns.tables) {
      const model::Table* cur = cur_.find_table({ns_name, name});
      if (!cur) continue;
      if (!same_key(cur->partition_by, want.partition_by) || !inherits_in_place(*cur, want))
        out.insert({ns_name, name});
    }
  // A table dropped takes its partitions and inheritance children with it:
  // they are created again too.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [ns_name, cns] : cur_.namespaces)
      for (const auto& [name, t] : cns.tables) {
        QualifiedName qn{ns_name, name};
        bool parent_goes = t.partition_of && out.count(t.partition_of->parent);
        for (const auto& p : t.inherits) parent_goes = parent_goes || out.count(p);
        if (out.count(qn) || !parent_goes) continue;
        if (!want_.find_table(qn)) continue;  // dropped anyway
        out.insert(qn);
        grew = true;
      }
  }
  return out;
}

namespace {

// The columns of `t` in `s`: its own, or for a partition its root parent's.
const std::vector<model::Column>& columns_in(const model::Schema& s, const model::Table& t) {
  const model::Table* at = &t;
  for (int depth = 0; at->partition_of && depth < 64; ++depth) {
    const model::Table* parent = s.find_table(at->partition_of->parent);
    if (!parent) break;
    at = parent;
  }
  return at->columns;
}

}  // namespace

std::pair<model::Table, model::Table> Planner::partition_sides(const model::Table& cur,
                                                               const model::Table& want) const {
  std::pair<model::Table, model::Table> out{cur, want};
  if (cur.partition_of) out.first.columns = columns_in(cur_, cur);
  if (want.partition_of) out.second.columns = columns_in(want_, want);
  return out;
}

void Planner::diff_table_properties(const QualifiedName& name, const model::Table& cur,
                                    const model::Table& want) {
  if (!same_partition(cur.partition_of, want.partition_of)) {
    // Out of the old parent or bound early (a partition becoming a plain
    // table keeps the parent's columns as they are then), into the new one
    // once the tables and columns are in place.
    if (cur.partition_of) add(kForeignKeyDrops, DetachPartition{name, *cur.partition_of});
    if (want.partition_of) add(kKeyAdds, AttachPartition{name, *want.partition_of});
  }
  if (cur.storage_parameters != want.storage_parameters)
    add(kColumns, SetStorageParameters{name, cur.storage_parameters, want.storage_parameters});
  if (cur.replica_identity != want.replica_identity)
    add(kForeignKeyAdds, SetReplicaIdentity{name, cur.replica_identity, want.replica_identity});
}

void Planner::diff_column_storage(const QualifiedName& name, const model::Column& cur,
                                  const model::Column& want) {
  if (cur.statistics != want.statistics || cur.storage != want.storage ||
      cur.compression != want.compression)
    add(kColumns, SetColumnStorage{name, cur, want});
}

void Planner::diff_validity(const QualifiedName& name, const Constraint& cur,
                            const Constraint& want) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, model::CheckConstraint> ||
                      std::is_same_v<T, model::ForeignKey>) {
          const auto& w = std::get<T>(want);
          if (c.not_valid && !w.not_valid)
            add(kForeignKeyAdds, ValidateConstraint{name, with_validity(c, true)});
          else if (!c.not_valid && w.not_valid)
            add(kForeignKeyAdds, InvalidateConstraint{name, with_validity(c, true)});
        }
      },
      cur);
}

}  // namespace strata::diff
