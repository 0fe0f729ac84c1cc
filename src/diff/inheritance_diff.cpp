// Table inheritance: INHERIT and NO INHERIT in place, or the child created
// again when the catalog cannot reach the desired state with them.
//
// PostgreSQL makes a column (or check) that a child only inherits solely
// through CREATE TABLE ... INHERITS or a column added to the parent. INHERIT
// merges the parent's columns into columns the child already has, which
// stay its own; NO INHERIT leaves the columns it inherited as its own. So
// INHERIT and NO INHERIT are exact inverses only when the child has every
// column and check of the parent as its own on both sides; any other
// change of parents is planned as a drop and create of the child.
#include <algorithm>

#include "diff/planner.h"
#include "model/inheritance.h"

namespace strata::diff {
namespace {

bool listed(const std::vector<QualifiedName>& v, const QualifiedName& n) {
  return std::find(v.begin(), v.end(), n) != v.end();
}

// True when every column and inheritable check of `parent` (in `s`) is
// `child`'s own, or comes to it from one of `others` (its other parents).
bool owns_parent_part(const model::Schema& s, const model::Table& child, const QualifiedName& parent,
                      const std::vector<QualifiedName>& others) {
  const model::Table* p = s.find_table(parent);
  if (!p) return true;
  model::Table rest;
  rest.inherits = others;
  std::vector<model::Column> from_others = model::inherited_columns(s, rest);
  auto other_has = [&](const std::string& column) {
    return std::any_of(from_others.begin(), from_others.end(),
                       [&](const model::Column& c) { return c.name == column; });
  };
  for (const auto& c : model::all_columns(s, *p))
    if (!child.find_column(c.name) && !other_has(c.name)) return false;
  std::map<std::string, model::CheckConstraint> checks = model::inherited_checks(s, *p);
  for (const auto& [name, k] : p->checks)
    if (!k.no_inherit) checks.try_emplace(name, k);
  std::map<std::string, model::CheckConstraint> other_checks = model::inherited_checks(s, rest);
  for (const auto& [name, _] : checks)
    if (!child.checks.count(name) && !other_checks.count(name)) return false;
  return true;
}

}  // namespace

bool Planner::inherits_in_place(const model::Table& cur, const model::Table& want) const {
  if (cur.inherits == want.inherits) return true;
  std::vector<QualifiedName> kept, expected;
  for (const auto& p : cur.inherits)
    if (listed(want.inherits, p)) kept.push_back(p);
  expected = kept;
  for (const auto& p : want.inherits)
    if (!listed(cur.inherits, p)) expected.push_back(p);
  // INHERIT puts a parent last; a new order of the kept parents cannot be made.
  if (expected != want.inherits) return false;
  for (const auto& p : cur.inherits)
    if (!listed(want.inherits, p) && !owns_parent_part(cur_, cur, p, kept)) return false;
  for (const auto& p : want.inherits)
    if (!listed(cur.inherits, p) && !owns_parent_part(want_, want, p, kept)) return false;
  return true;
}

void Planner::diff_inheritance(const QualifiedName& name, const model::Table& cur,
                               const model::Table& want) {
  // Out of an old parent before columns go (they are the child's own then);
  // into a new one once the columns and checks it needs are in place.
  for (const auto& p : cur.inherits)
    if (!listed(want.inherits, p)) add(kForeignKeyDrops, DropInheritance{name, p});
  for (const auto& p : want.inherits)
    if (!listed(cur.inherits, p)) add(kForeignKeyAdds, AddInheritance{name, p});
}

bool Planner::has_children(const QualifiedName& name) const {
  for (const auto& [_, ns] : cur_.namespaces)
    for (const auto& [_, t] : ns.tables)
      if (listed(t.inherits, name)) return true;
  return false;
}

}  // namespace strata::diff
