// Owners and grants. Both are taken out of the models before anything else
// is compared, so that no other comparison (a sequence's, a view's) sees
// them, and planned apart: revokes on objects the plan drops come first (so
// that down grants them again once the object is back), owners and grants
// of the objects that stay or come come last, once every object stands.
#include "diff/planner.h"

namespace strata::diff {
namespace {

// GRANT ... ON ROUTINE names a function or a procedure by its input types.
AccessTarget function_target(const std::string& schema, const model::Function& fn) {
  return AccessTarget{AccessKind::kFunction, {schema, fn.name}, fn.identity_arguments()};
}

template <typename F>
void for_each_access(model::Schema& s, F f) {
  for (auto& [ns_name, ns] : s.namespaces) {
    f(AccessTarget{AccessKind::kSchema, {ns_name, ""}, ""}, ns.access);
    for (auto& [name, t] : ns.tables) f(AccessTarget{AccessKind::kTable, {ns_name, name}, ""}, t.access);
    for (auto& [name, v] : ns.views)
      f(AccessTarget{v.materialized ? AccessKind::kMaterializedView : AccessKind::kView,
                     {ns_name, name}, ""},
        v.access);
    for (auto& [name, q] : ns.sequences)
      f(AccessTarget{AccessKind::kSequence, {ns_name, name}, ""}, q.access);
    for (auto& [name, e] : ns.enums) f(AccessTarget{AccessKind::kType, {ns_name, name}, ""}, e.access);
    for (auto& [signature, fn] : ns.functions) f(function_target(ns_name, fn), fn.access);
  }
}

bool is_empty(const model::Access& a) { return !a.owner && a.grants.empty(); }

// A view that becomes materialized (or the reverse) is another object.
// An object that says nothing (no owner, no grants: every object unless
// owners or privileges are managed) is left out when `also` does not hold
// its target: diff_access plans nothing for it then, and tens of thousands
// of map entries cost more than the comparison.
std::map<AccessTarget, model::Access> take(model::Schema& s,
                                           const std::map<AccessTarget, model::Access>& also) {
  std::map<AccessTarget, model::Access> out;
  for_each_access(s, [&](const AccessTarget& t, model::Access& a) {
    if (is_empty(a) && !also.count(t)) return;
    out[t] = std::move(a);
    a = {};
  });
  return out;
}

}  // namespace

void keep_managed_access(model::Schema& s, const Options& options) {
  for_each_access(s, [&](const AccessTarget&, model::Access& a) {
    if (!options.manage_owners) a.owner.reset();
    if (!options.manage_privileges) a.grants.clear();
  });
}

void Planner::take_access() {
  // The current side's empty ones plan nothing (missing reads as empty); a
  // desired empty one plans the revokes of a current one that says
  // something, and stays then.
  cur_access_ = take(cur_, {});
  want_access_ = take(want_, cur_access_);
}

void Planner::give_access_back() {
  auto restore = [](model::Schema& s, std::map<AccessTarget, model::Access>& taken) {
    for_each_access(s, [&](const AccessTarget& t, model::Access& a) {
      auto it = taken.find(t);
      if (it != taken.end()) a = std::move(it->second);
    });
    taken.clear();
  };
  restore(cur_, cur_access_);
  restore(want_, want_access_);
}

void Planner::diff_access() {
  static const model::Access kNone;
  auto grants = [&](Phase phase, const AccessTarget& t, const model::Access& from,
                    const model::Access& to) {
    std::set<std::string> grantees;
    for (const auto& [g, _] : from.grants) grantees.insert(g);
    for (const auto& [g, _] : to.grants) grantees.insert(g);
    static const model::PrivilegeSet kEmpty;
    for (const auto& g : grantees) {
      auto f = from.grants.find(g);
      auto w = to.grants.find(g);
      const auto& a = f == from.grants.end() ? kEmpty : f->second;
      const auto& b = w == to.grants.end() ? kEmpty : w->second;
      if (a != b) add(phase, AlterPrivileges{t, g, a, b});
    }
  };
  // A function the plan drops and creates again (its result type or
  // argument names change) comes back with the default privileges: its
  // grants go with it, first, and come back with the new one.
  std::set<AccessTarget> recreated;
  for (const auto& phase : phases_)
    for (const auto& c : phase)
      if (const auto* d = std::get_if<DropFunction>(&c)) {
        AccessTarget t = function_target(d->name.schema, d->function);
        if (want_access_.count(t)) recreated.insert(t);
      }
  auto builtin_schema = [&](const AccessTarget& t) {
    return t.kind == AccessKind::kSchema && options_.builtin_schemas.count(t.name.schema) > 0;
  };
  for (const auto& [target, access] : cur_access_) {
    if ((want_access_.count(target) && !recreated.count(target)) || builtin_schema(target)) continue;
    grants(kPolicyDrops, target, access, kNone);
    // Nothing to do in up; its inverse gives the object its owner back in
    // down, once the object is created again.
    if (access.owner) add(kPolicyDrops, SetOwner{target, *access.owner, ""});
  }
  for (const auto& [target, want] : want_access_) {
    // A schema every database has (public) keeps what the platform granted
    // on it unless the models say something about it.
    if (builtin_schema(target) && want == kNone)
      continue;
    auto it = recreated.count(target) ? cur_access_.end() : cur_access_.find(target);
    const model::Access& cur = it == cur_access_.end() ? kNone : it->second;
    if (want.owner && want.owner != cur.owner)
      add(kAccess, SetOwner{target, cur.owner.value_or(""), *want.owner});
    grants(kAccess, target, cur, want);
  }
}

}  // namespace strata::diff
