#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "diff/change.h"
#include "diff/expression_oracle.h"
#include "diff/hazard.h"
#include "model/schema.h"

namespace strata::diff {

// One step of a plan: the change, the change that undoes it, and what it risks.
struct Step {
  Change change;
  Change inverse;
  std::vector<Hazard> hazards;

  bool operator==(const Step&) const = default;
};

// The ordered changes that turn `current` into `desired`. Running the changes
// in order gives desired; running the inverses in reverse order gives back
// current. Empty when there is nothing to do.
struct Plan {
  std::vector<Step> steps;

  bool empty() const { return steps.empty(); }
  // The changes alone, in order (handy in tests).
  std::vector<Change> changes() const;

  bool operator==(const Plan&) const = default;
};

struct Options {
  // Schemas never diffed, besides "strata" (Strata's own state), which is
  // always left alone.
  std::set<std::string> ignored_schemas;
  // Schemas that always exist and are never created or dropped.
  std::set<std::string> builtin_schemas = {"public"};
  // Extensions never created or dropped (they come with every database).
  std::set<std::string> ignored_extensions = {"plpgsql"};
  // Owners and grants are compared only when the project manages them
  // (`manage: [owners, privileges]`); otherwise normalized() empties them on
  // both sides.
  bool manage_owners = false;
  bool manage_privileges = false;
};

// The schema as the differ sees it: ignored schemas (and "strata") removed,
// ignored extensions removed, sequence options spelled at their default
// value emptied, and columns that PostgreSQL makes NOT NULL (primary key,
// identity, serial) marked so. Two schemas with equal normalized forms have
// an empty plan.
model::Schema normalized(const model::Schema& schema, const Options& options = {});
// The same, in place.
void normalize(model::Schema& schema, const Options& options = {});

// Computes the plan from `current` (usually introspected) to `desired`
// (usually loaded from YAML). `renamed_from` hints on the desired side become
// RENAMEs (a renamed table takes along its serial sequences and the keys
// named after it). Expressions are compared offline first; whatever still
// differs is put to `oracle` in one batch (one call to
// ExpressionOracle::same; a second one only for questions met while planning
// that the tables and views of both sides did not show ahead, e.g. of
// partitions, inheritance children, domains, policies or renamed objects),
// each distinct question once, and only differences it confirms become
// changes. Without an oracle every offline difference is a change.
//
// Order: view drops; renames; drops of foreign keys, constraints and indexes
// that go or change; dropped tables (referencing first; before any create,
// since index and key names are unique per schema); schemas, extensions,
// enums and sequences; new tables in foreign-key order (foreign keys in
// cycles added afterwards); column changes; new constraints, indexes and
// foreign keys; dropped sequences, enums, extensions and schemas; views
// (after what they read); comments.
//
// Dependents: a view that reads a table whose columns change type or go away
// (or whose enum is recreated) is dropped before and created after, with the
// views that read it; a view whose output columns and FROM stay the same is
// replaced in place. Keys and indexes on a column that is dropped and re-added
// are dropped and re-added around it, and foreign keys resting on a key that
// is rebuilt go and come back.
//
// Both schemas are taken by value: a caller that is done with them moves
// them in, and planning then holds no more than those two (normalized in
// place; without rename hints both passes plan on them, else the first pass
// plans on copies).
//
// With `leftovers`, what planning is done with at its end (the two schemas as
// it left them, its working state) is moved there instead of being freed
// before plan() returns: a caller whose process ends right after may leave
// it to the operating system (freeing two large schemas node by node is
// tens of milliseconds at 10,000 tables).
class Leftovers;
Plan plan(model::Schema current, model::Schema desired, const Options& options = {},
          ExpressionOracle* oracle = nullptr, Leftovers* leftovers = nullptr);

class Planner;
// What plan() leaves behind (see plan()); freed with it.
class Leftovers {
 public:
  Leftovers();
  Leftovers(Leftovers&&) noexcept;
  Leftovers& operator=(Leftovers&&) noexcept;
  ~Leftovers();

 private:
  friend Plan plan(model::Schema, model::Schema, const Options&, ExpressionOracle*, Leftovers*);
  std::unique_ptr<Planner> planner_;
};

}  // namespace strata::diff
