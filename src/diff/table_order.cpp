// Tables created and dropped by a plan: in foreign-key order (referenced
// first; dropped in the reverse order), foreign keys that point elsewhere or
// close a cycle added after (or dropped before) the tables.
#include <algorithm>

#include "diff/planner.h"

namespace strata::diff {
namespace {

// Tables in foreign-key order (referenced first). Foreign keys that would
// close a cycle are returned in `deferred` as (table, constraint name).
std::vector<QualifiedName> fk_order(const std::map<QualifiedName, const model::Table*>& tables,
                                    std::set<std::pair<QualifiedName, std::string>>& deferred) {
  std::vector<QualifiedName> order;
  std::set<QualifiedName> placed;
  auto deps_of = [&](const QualifiedName& n) {
    std::set<QualifiedName> deps;
    for (const auto& [fk_name, fk] : tables.at(n)->foreign_keys) {
      if (fk.ref_table == n || !tables.count(fk.ref_table) || placed.count(fk.ref_table)) continue;
      if (deferred.count({n, fk_name})) continue;
      deps.insert(fk.ref_table);
    }
    // An inheritance child comes after its parents (and is dropped before them).
    for (const auto& p : tables.at(n)->inherits)
      if (p != n && tables.count(p) && !placed.count(p)) deps.insert(p);
    // A partition comes after its parent (and is dropped before it).
    if (const auto& p = tables.at(n)->partition_of;
        p && p->parent != n && tables.count(p->parent) && !placed.count(p->parent))
      deps.insert(p->parent);
    return deps;
  };
  while (order.size() < tables.size()) {
    bool progressed = false;
    for (const auto& [n, _] : tables) {
      if (placed.count(n) || !deps_of(n).empty()) continue;
      order.push_back(n);
      placed.insert(n);
      progressed = true;
      break;
    }
    if (progressed) continue;
    // A cycle: detach the foreign keys of the first table still waiting.
    for (const auto& [n, t] : tables) {
      if (placed.count(n)) continue;
      for (const auto& [fk_name, fk] : t->foreign_keys)
        if (fk.ref_table != n && tables.count(fk.ref_table) && !placed.count(fk.ref_table))
          deferred.insert({n, fk_name});
      break;
    }
  }
  return order;
}

// Takes out of `t` the foreign keys that cannot be created or dropped with
// the table itself: those that point outside `tables` (tables that already
// exist may be built later in this plan) or close a cycle (`deferred`).
std::vector<model::ForeignKey> detach_foreign_keys(
    const QualifiedName& qn, model::Table& t,
    const std::map<QualifiedName, const model::Table*>& tables,
    const std::set<std::pair<QualifiedName, std::string>>& deferred) {
  std::vector<model::ForeignKey> detached;
  for (auto it = t.foreign_keys.begin(); it != t.foreign_keys.end();) {
    bool inline_ok = (it->second.ref_table == qn || tables.count(it->second.ref_table)) &&
                     !deferred.count({qn, it->first});
    if (inline_ok) {
      ++it;
      continue;
    }
    detached.push_back(std::move(it->second));
    it = t.foreign_keys.erase(it);
  }
  return detached;
}

}  // namespace

void Planner::create_tables(const std::vector<QualifiedName>& names) {
  std::map<QualifiedName, const model::Table*> tables;
  for (const auto& n : names) tables[n] = want_.find_table(n);
  std::set<std::pair<QualifiedName, std::string>> deferred;
  for (const auto& qn : fk_order(tables, deferred)) {
    model::Table t = *tables.at(qn);
    for (auto& fk : detach_foreign_keys(qn, t, tables, deferred))
      add(kForeignKeyAdds, AddConstraint{qn, std::move(fk)});
    sequence_persistence_created(qn, t);
    add(kTableCreates, CreateTable{qn, without_row_security(std::move(t))});
  }
}

void Planner::drop_tables(const std::vector<QualifiedName>& names) {
  std::map<QualifiedName, const model::Table*> tables;
  for (const auto& n : names) tables[n] = cur_.find_table(n);
  std::set<std::pair<QualifiedName, std::string>> deferred;
  std::vector<QualifiedName> order = fk_order(tables, deferred);
  std::reverse(order.begin(), order.end());
  for (const auto& qn : order) {
    disturb(qn, "*");  // views reading it go first
    model::Table t = *tables.at(qn);
    for (auto& fk : detach_foreign_keys(qn, t, tables, deferred))
      add(kForeignKeyDrops, DropConstraint{qn, std::move(fk)});
    sequence_persistence_dropped(qn, t);
    add(kTableDrops, DropTable{qn, without_row_security(std::move(t))});
  }
}

}  // namespace strata::diff
