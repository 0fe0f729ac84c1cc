// Tables created and dropped by a plan: in foreign-key order (referenced
// first; dropped in the reverse order), foreign keys that point elsewhere or
// close a cycle added after (or dropped before) the tables.
#include <algorithm>

#include "diff/planner.h"

namespace strata::diff {
namespace {

// Tables in foreign-key order (referenced first): each step places the first
// table, in name order, whose foreign keys, parents and partitioned parent
// are all placed. Foreign keys that would close a cycle are returned in
// `deferred` as (table, constraint name). Each placed table wakes only the
// tables that wait on it, so n tables cost n log n, not n squared.
std::vector<QualifiedName> fk_order(const std::map<QualifiedName, const model::Table*>& tables,
                                    std::set<std::pair<QualifiedName, std::string>>& deferred) {
  std::vector<QualifiedName> order;
  std::set<QualifiedName> placed;
  // The tables `n` still waits on.
  auto waits = [&](const QualifiedName& n) {
    const model::Table& t = *tables.at(n);
    for (const auto& [fk_name, fk] : t.foreign_keys)
      if (fk.ref_table != n && tables.count(fk.ref_table) && !placed.count(fk.ref_table) &&
          !deferred.count({n, fk_name}))
        return true;
    // An inheritance child comes after its parents (and is dropped before them).
    for (const auto& p : t.inherits)
      if (p != n && tables.count(p) && !placed.count(p)) return true;
    // A partition comes after its parent (and is dropped before it).
    const auto& part = t.partition_of;
    return part && part->parent != n && tables.count(part->parent) && !placed.count(part->parent);
  };
  // Who waits on whom: placing a table can only free the tables naming it.
  std::map<QualifiedName, std::vector<QualifiedName>> waiting_on;
  std::set<QualifiedName> ready;
  for (const auto& [n, t] : tables) {
    std::set<QualifiedName> named;
    for (const auto& [fk_name, fk] : t->foreign_keys) named.insert(fk.ref_table);
    named.insert(t->inherits.begin(), t->inherits.end());
    if (t->partition_of) named.insert(t->partition_of->parent);
    for (const auto& d : named)
      if (d != n && tables.count(d)) waiting_on[d].push_back(n);
    if (!waits(n)) ready.insert(n);
  }
  auto next_waiting = tables.begin();  // no table before it is still waiting
  while (order.size() < tables.size()) {
    if (ready.empty()) {
      // A cycle: detach the foreign keys of the first table still waiting.
      while (placed.count(next_waiting->first)) ++next_waiting;
      auto it = next_waiting;
      for (; it != tables.end(); ++it) {
        const auto& [n, t] = *it;
        if (placed.count(n)) continue;
        for (const auto& [fk_name, fk] : t->foreign_keys)
          if (fk.ref_table != n && tables.count(fk.ref_table) && !placed.count(fk.ref_table))
            deferred.insert({n, fk_name});
        if (!waits(n)) break;
        // Still waiting on a parent: models never hold such a cycle (they
        // are refused when loaded); go on to the next table all the same.
      }
      ready.insert(it != tables.end() ? it->first : next_waiting->first);
    }
    QualifiedName n = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(n);
    placed.insert(n);
    if (auto w = waiting_on.find(n); w != waiting_on.end())
      for (const auto& m : w->second)
        if (!placed.count(m) && !ready.count(m) && !waits(m)) ready.insert(m);
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
