// Triggers of views. A view that the plan drops takes its triggers with it,
// and a view the plan creates (new, or again) brings the model's triggers
// along (codegen renders them after the view); so only the views that stay
// in place get trigger changes of their own, read here once every other
// change is planned.

#include <set>

#include "diff/planner.h"

namespace strata::diff {

void Planner::diff_view_triggers() {
  std::set<QualifiedName> dropped, created;
  std::set<std::pair<QualifiedName, std::string>> trigger_drops;
  for (const auto& phase : phases_)
    for (const auto& c : phase) {
      if (const auto* d = std::get_if<DropView>(&c)) dropped.insert(d->name);
      if (const auto* a = std::get_if<CreateView>(&c)) created.insert(a->name);
    }
  for (const auto& [ns_name, cns] : cur_.namespaces) {
    auto wns = want_.namespaces.find(ns_name);
    if (wns == want_.namespaces.end()) continue;
    for (const auto& [vname, cv] : cns.views) {
      QualifiedName qn{ns_name, vname};
      auto wv = wns->second.views.find(vname);
      if (wv == wns->second.views.end() || dropped.count(qn) || created.count(qn)) continue;
      const auto& want = wv->second.triggers;
      for (const auto& [name, c] : cv.triggers) {
        auto w = want.find(name);
        bool moved = moved_triggers_.count({qn, name}) > 0;
        if (w != want.end() && !moved && same_trigger(c, w->second, ns_name)) continue;
        add(kTriggerDrops, DropTrigger{qn, c});
        trigger_drops.insert({qn, name});
        if (w != want.end()) add(kTriggerCreates, CreateTrigger{qn, w->second});
      }
      for (const auto& [name, w] : want)
        if (!cv.triggers.count(name)) add(kTriggerCreates, CreateTrigger{qn, w});
    }
  }
  // An enum change drops and puts back the views reading the type, between
  // the trigger drops and creates (in up and in down): as they are then,
  // without the triggers the plan has dropped.
  if (trigger_drops.empty()) return;
  auto at_that_moment = [&](EnumDependents& d) {
    for (auto& cv : d.views)
      std::erase_if(cv.view.triggers, [&](const auto& t) { return trigger_drops.count({cv.name, t.first}) > 0; });
  };
  for (auto& phase : phases_)
    for (auto& c : phase) {
      if (auto* r = std::get_if<RecreateEnum>(&c)) at_that_moment(r->dependents);
      if (auto* a = std::get_if<AddEnumLabel>(&c)) at_that_moment(a->dependents);
    }
}

}  // namespace strata::diff
