// Triggers of views in the plan: added, dropped and changed on a view that
// stays; carried by the view when the plan drops and creates it, so that up
// and down both put them back after the view.
#include <gtest/gtest.h>

#include "diff/plan.h"
#include "model_builders.h"

namespace strata::diff {
namespace {

using test::column;
using test::table;

model::Trigger instead_of_insert(const std::string& name, const std::string& function) {
  model::Trigger tg;
  tg.name = name;
  tg.timing = "instead of";
  tg.events = {"insert"};
  tg.for_each_row = true;
  tg.function = function;
  return tg;
}

model::Schema with_view(const std::string& id_type, const std::string& query,
                        std::vector<model::Trigger> triggers) {
  model::Schema s;
  table(s, "users", {column("id", id_type, false), column("name", "text")});
  model::View v;
  v.name = "v";
  v.query = query;
  for (auto& tg : triggers) v.triggers[tg.name] = tg;
  s.namespaces["public"].views["v"] = v;
  return s;
}

template <typename Op>
std::vector<const Step*> steps_of(const Plan& p) {
  std::vector<const Step*> out;
  for (const auto& s : p.steps)
    if (std::holds_alternative<Op>(s.change)) out.push_back(&s);
  return out;
}

std::size_t index_of(const Plan& p, const Step* s) { return static_cast<std::size_t>(s - p.steps.data()); }

TEST(ViewTriggers, AddedToAViewThatStaysIsCreatedAfterItAndDroppedByDown) {
  auto cur = with_view("integer", "SELECT id, name FROM users", {});
  auto want = with_view("integer", "SELECT id, name FROM users", {instead_of_insert("ins", "public.f")});
  Plan p = plan(cur, want);
  ASSERT_EQ(p.steps.size(), 1u);
  auto* c = std::get_if<CreateTrigger>(&p.steps[0].change);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->table, (QualifiedName{"public", "v"}));
  EXPECT_EQ(c->trigger, instead_of_insert("ins", "public.f"));
  EXPECT_EQ(p.steps[0].inverse, (Change{DropTrigger{{"public", "v"}, c->trigger}}));
}

TEST(ViewTriggers, ChangedOnAViewThatStaysIsDroppedAndCreated) {
  auto cur = with_view("integer", "SELECT id, name FROM users", {instead_of_insert("ins", "public.f")});
  auto want = with_view("integer", "SELECT id, name FROM users", {instead_of_insert("ins", "public.g")});
  Plan p = plan(cur, want);
  ASSERT_EQ(p.steps.size(), 2u);
  auto* d = std::get_if<DropTrigger>(&p.steps[0].change);
  auto* c = std::get_if<CreateTrigger>(&p.steps[1].change);
  ASSERT_TRUE(d && c);
  EXPECT_EQ(d->trigger.function, "public.f");
  EXPECT_EQ(c->trigger.function, "public.g");

  Plan gone = plan(cur, with_view("integer", "SELECT id, name FROM users", {}));
  ASSERT_EQ(gone.steps.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<DropTrigger>(gone.steps[0].change));
  EXPECT_TRUE(plan(cur, cur).steps.empty());
}

// The view is dropped and created around the column's type change: the
// models' trigger comes with the new view (after it, in the same step), the
// catalog's with the old one in down; no trigger step of its own would find
// the view missing.
TEST(ViewTriggers, AViewCreatedAgainBringsItsTriggersInUpAndDown) {
  auto cur = with_view("integer", "SELECT id, name FROM users", {instead_of_insert("ins", "public.f")});
  auto want = with_view("bigint", "SELECT id, name FROM users", {instead_of_insert("ins", "public.g")});
  Plan p = plan(cur, want);
  EXPECT_TRUE(steps_of<CreateTrigger>(p).empty());
  EXPECT_TRUE(steps_of<DropTrigger>(p).empty());
  auto drops = steps_of<DropView>(p);
  auto creates = steps_of<CreateView>(p);
  ASSERT_EQ(drops.size(), 1u);
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_LT(index_of(p, drops[0]), index_of(p, creates[0]));
  EXPECT_EQ(std::get<CreateView>(creates[0]->change).view.triggers, want.namespaces["public"].views["v"].triggers);
  // Down: the inverse of the drop creates the catalog's view with its trigger.
  auto* back = std::get_if<CreateView>(&drops[0]->inverse);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->view.triggers, cur.namespaces["public"].views["v"].triggers);
}

TEST(ViewTriggers, ANewViewBringsItsTriggersAndADroppedViewTakesThem) {
  model::Schema none;
  table(none, "users", {column("id", "integer", false), column("name", "text")});
  auto with = with_view("integer", "SELECT id, name FROM users", {instead_of_insert("ins", "public.f")});
  Plan up = plan(none, with);
  ASSERT_EQ(up.steps.size(), 1u);
  auto* c = std::get_if<CreateView>(&up.steps[0].change);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->view.triggers.size(), 1u);
  Plan down = plan(with, none);
  ASSERT_EQ(down.steps.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<DropView>(down.steps[0].change));
}

}  // namespace
}  // namespace strata::diff
