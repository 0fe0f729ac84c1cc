#include "diff/plan.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <tuple>

#include "diff/expression_judge.h"
#include "diff/inverse.h"
#include "diff/planner.h"
#include "model/hints.h"
#include "model/type_name.h"

namespace strata::diff {

std::vector<Change> Plan::changes() const {
  std::vector<Change> out;
  out.reserve(steps.size());
  for (const auto& s : steps) out.push_back(s.change);
  return out;
}

namespace {

// Options spelled out with PostgreSQL's default value become empty, as the
// catalog side reports them.
void drop_default_options(model::SequenceOptions& o, const std::string& type) {
  std::int64_t type_min = INT64_MIN, type_max = INT64_MAX;
  if (type == "integer") type_min = INT32_MIN, type_max = INT32_MAX;
  if (type == "smallint") type_min = INT16_MIN, type_max = INT16_MAX;
  std::int64_t increment = o.increment.value_or(1);
  bool ascending = increment > 0;
  if (o.increment == 1) o.increment.reset();
  if (o.cache == 1) o.cache.reset();
  if (o.min_value == (ascending ? 1 : type_min)) o.min_value.reset();
  if (o.max_value == (ascending ? type_max : -1)) o.max_value.reset();
  std::int64_t default_start = ascending ? o.min_value.value_or(1) : o.max_value.value_or(-1);
  if (o.start == default_start) o.start.reset();
}

}  // namespace

model::Schema normalized(const model::Schema& schema, const Options& options) {
  model::Schema out = schema;
  normalize(out, options);
  return out;
}

void normalize(model::Schema& out, const Options& options) {
  for (auto it = out.namespaces.begin(); it != out.namespaces.end();) {
    if (it->first == "strata" || options.ignored_schemas.count(it->first))
      it = out.namespaces.erase(it);
    else
      ++it;
  }
  for (auto it = out.extensions.begin(); it != out.extensions.end();) {
    if (options.ignored_extensions.count(it->first))
      it = out.extensions.erase(it);
    else
      ++it;
  }
  for (auto& [_, ns] : out.namespaces) {
    for (auto& [_, seq] : ns.sequences) drop_default_options(seq.options, seq.type);
    for (auto& [_, table] : ns.tables) {
      for (auto& c : table.columns) {
        bool in_key = table.primary_key &&
                      std::find(table.primary_key->columns.begin(),
                                table.primary_key->columns.end(),
                                c.name) != table.primary_key->columns.end();
        if (in_key || c.identity || model::is_serial_type(c.type)) c.nullable = false;
        if (c.identity) drop_default_options(c.identity->options, c.type);
      }
    }
  }
  keep_managed_access(out, options);
}

namespace {

bool on_new_table(const Change& change, const std::vector<Change>& changes) {
  const QualifiedName* table = nullptr;
  if (auto* c = std::get_if<AddConstraint>(&change)) table = &c->table;
  if (auto* c = std::get_if<CreateIndex>(&change)) table = &c->table;
  if (!table) return false;
  for (const auto& other : changes) {
    if (auto* t = std::get_if<CreateTable>(&other); t && t->name == *table) return true;
    if (auto* v = std::get_if<CreateView>(&other); v && v->name == *table) return true;
  }
  return false;
}

bool recreated(const QualifiedName& view, const std::vector<Change>& changes) {
  for (const auto& other : changes)
    if (auto* v = std::get_if<CreateView>(&other); v && v->name == view) return true;
  return false;
}

// A function dropped and created again with the same signature (its result
// type or argument names change).
bool recreated(const DropFunction& drop, const std::vector<Change>& changes) {
  for (const auto& other : changes)
    if (auto* f = std::get_if<CreateFunction>(&other);
        f && f->name == drop.name && f->function.signature() == drop.function.signature())
      return true;
  return false;
}

}  // namespace

Leftovers::Leftovers() = default;
Leftovers::Leftovers(Leftovers&&) noexcept = default;
Leftovers& Leftovers::operator=(Leftovers&&) noexcept = default;
Leftovers::~Leftovers() = default;

Plan plan(model::Schema current, model::Schema desired, const Options& options,
          ExpressionOracle* oracle, Leftovers* leftovers) {
  // Normalized once, in place. The planner changes the schemas it is given
  // only to follow rename hints: without any (the usual case, and every
  // no-op check), the first pass plans on these two and gives them back for
  // the second; with hints the first pass gets copies.
  normalize(current, options);
  normalize(desired, options);
  const bool reuse = !model::has_rename_hints(desired);
  ExpressionJudge judge(oracle);
  // The expressions of the tables and views on both sides are put to the
  // oracle before planning, so the first pass usually reads every answer.
  // With rename hints the names only meet once the planner renamed them:
  // the first pass gathers the questions then.
  if (oracle && reuse) {
    ask_ahead(current, desired, judge);
    judge.settle();
  }
  std::unique_ptr<Planner> planner;
  if (reuse)
    planner = std::make_unique<Planner>(std::move(current), std::move(desired), options, judge);
  else
    planner = std::make_unique<Planner>(current, desired, options, judge);
  std::vector<Change> changes = planner->run();
  if (judge.settle(/*last=*/true)) {
    // The first pass counted every question still open as a change (copies
    // of the columns, keys and indexes involved): freed before the second.
    std::vector<Change>().swap(changes);
    if (reuse) std::tie(current, desired) = std::move(*planner).take_schemas();
    planner.reset();
    planner = std::make_unique<Planner>(std::move(current), std::move(desired), options, judge);
    changes = planner->run();
  }
  // Freed before the steps are built (a large plan holds copies of what
  // it creates), unless the caller keeps them.
  if (leftovers)
    leftovers->planner_ = std::move(planner);
  else
    planner.reset();

  Plan out;
  for (auto& c : changes) {
    Step step{c, inverse(c), hazards_of(c)};
    // Building keys on a table created in the same plan blocks nobody.
    if (on_new_table(c, changes)) step.hazards.clear();
    // A view dropped only to be created again (around a change of what it
    // reads) is back when the revision commits: no running code breaks.
    if (auto* d = std::get_if<DropView>(&c); d && recreated(d->name, changes))
      std::erase_if(step.hazards, [](const Hazard& h) { return h.kind == HazardKind::kBreaksRunningCode; });
    if (auto* d = std::get_if<DropFunction>(&c); d && recreated(*d, changes))
      std::erase_if(step.hazards, [](const Hazard& h) { return h.kind == HazardKind::kBreaksRunningCode; });
    out.steps.push_back(std::move(step));
  }
  return out;
}

}  // namespace strata::diff
