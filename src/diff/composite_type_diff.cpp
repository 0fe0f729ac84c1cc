// Composite types: created after the enums, domains and collations their
// attributes use and before the tables whose columns use them, each after
// the composite types it holds; dropped in the reverse order. Attributes are
// added, dropped and altered in place. As with a table's columns, attributes
// compare by name: ADD ATTRIBUTE puts a new one last, and an order alone is
// never a change (the down file of a dropped attribute adds it back last).
#include "core/error.h"
#include "diff/planner.h"
#include "diff/type_object_uses.h"
#include "sql/text.h"
#include "model/type_name.h"

namespace strata::diff {
namespace {

using TypeMap = std::map<QualifiedName, const model::CompositeType*>;

TypeMap composites(const model::Schema& s) {
  TypeMap out;
  for (const auto& [ns_name, ns] : s.namespaces)
    for (const auto& [name, t] : ns.composite_types) out[{ns_name, name}] = &t;
  return out;
}

// The composite types of `types` that `t` holds directly.
std::set<QualifiedName> held(const model::CompositeType& t, const TypeMap& types) {
  std::set<QualifiedName> out;
  for (const auto& a : t.attributes) {
    model::TypeName tn = model::canonical_type(a.type, "public");
    if (tn.ok() && tn.user_type && types.count({tn.user_schema, tn.user_name})) out.insert({tn.user_schema, tn.user_name});
  }
  return out;
}

// `names` with each type after the types among them it holds (a cycle, which
// the loader refuses, is broken anywhere).
std::vector<QualifiedName> holder_order(const std::set<QualifiedName>& names, const TypeMap& types) {
  std::vector<QualifiedName> out;
  std::set<QualifiedName> placed;
  while (out.size() < names.size()) {
    bool progressed = false;
    for (const auto& n : names) {
      if (placed.count(n)) continue;
      bool ready = true;
      for (const auto& h : held(*types.at(n), types))
        if (h != n && names.count(h) && !placed.count(h)) ready = false;
      if (!ready) continue;
      out.push_back(n);
      placed.insert(n);
      progressed = true;
    }
    if (progressed) continue;
    for (const auto& n : names)
      if (!placed.count(n)) {
        out.push_back(n);
        placed.insert(n);
        break;
      }
  }
  return out;
}

}  // namespace

void Planner::diff_composite_types() {
  TypeMap cur_types = composites(cur_), want_types = composites(want_);
  std::set<QualifiedName> creates, drops;
  // Attribute changes run after the creates: an added attribute may be of a
  // new type.
  std::vector<Change> alters;
  for (const auto& [qn, want] : want_types) {
    auto it = cur_types.find(qn);
    if (it == cur_types.end()) {
      creates.insert(qn);
      continue;
    }
    const model::CompositeType& cur = *it->second;
    std::vector<std::string> users;
    bool users_read = false;
    for (const auto& a : cur.attributes)
      if (!want->find_attribute(a.name)) alters.push_back(DropAttribute{qn, a});
    for (const auto& a : want->attributes) {
      const model::CompositeAttribute* was = cur.find_attribute(a.name);
      if (!was || *was == a) continue;
      if (!users_read) {
        users = type_users(cur_, qn);
        users_read = true;
      }
      if (!users.empty())
        throw UsageError("attribute " + qn.str() + "." + a.name + " changes its " +
                         (was->type != a.type ? "type (" + was->type + " -> " + a.type + ")"
                                              : std::string("collation")) +
                         " while " + sql::join(users) +
                         " use the type; PostgreSQL cannot change that in place. Add an attribute "
                         "under a new name and drop this one instead, or move those users to another "
                         "type first");
      alters.push_back(AlterAttribute{qn, *was, a});
    }
    for (const auto& a : want->attributes)
      if (!cur.find_attribute(a.name)) alters.push_back(AddAttribute{qn, a});
    if (cur.comment != want->comment)
      add(kComments, SetComment{CommentTarget::kType, qn, "", cur.comment, want->comment});
  }
  for (const auto& [qn, cur] : cur_types) {
    if (want_types.count(qn)) continue;
    // Functions that go are dropped before the type; one the models keep
    // (or create) still naming it would make DROP TYPE fail.
    auto routines = routine_type_users(want_, qn);
    if (!routines.empty())
      throw UsageError("composite type " + qn.str() + " is dropped while " + sql::join(routines) +
                       " in the models still take or return it; change or drop " +
                       (routines.size() == 1 ? "it" : "them") + " in the models too, or keep the type");
    drops.insert(qn);
  }

  std::vector<QualifiedName> drop_order = holder_order(drops, cur_types);
  for (auto it = drop_order.rbegin(); it != drop_order.rend(); ++it)
    add(kCompositeDrops, DropCompositeType{*it, *cur_types.at(*it)});
  for (const auto& qn : holder_order(creates, want_types))
    add(kCompositeTypes, CreateCompositeType{qn, *want_types.at(qn)});
  for (auto& c : alters) add(kCompositeTypes, std::move(c));
}

}  // namespace strata::diff
