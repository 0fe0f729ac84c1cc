// Composite types against what else uses them: a function that is kept
// while the type it takes or returns goes, and a domain over a composite
// type (created after the type, dropped before it).
#include <gtest/gtest.h>

#include "core/error.h"
#include "diff/plan.h"
#include "model_builders.h"

namespace strata::diff {
namespace {

using test::refusal;

model::CompositeType pair_type() {
  return {"pair", {{"a", "integer", std::nullopt}, {"b", "integer", std::nullopt}}, std::nullopt};
}

model::Function takes_pair(const std::string& returns) {
  model::Function f;
  f.name = "first_of";
  f.arguments = {{"", "p", "public.pair", std::nullopt}};
  f.returns = returns;
  f.body = "SELECT p.a";
  return f;
}

TEST(TypeUseGaps, DroppingACompositeTypeAKeptFunctionTakesIsRefusedWithTheFunctionNamed) {
  model::Schema cur, want;
  cur.namespaces["public"].composite_types["pair"] = pair_type();
  model::Function f = takes_pair("integer");
  cur.namespaces["public"].functions[f.signature()] = f;
  want.namespaces["public"].functions[f.signature()] = f;
  std::string why = refusal(cur, want);
  EXPECT_NE(why.find("composite type public.pair"), std::string::npos) << why;
  EXPECT_NE(why.find("function public.first_of(public.pair)"), std::string::npos) << why;

  // Returning it counts too.
  model::Function g;
  g.name = "make_pair";
  g.returns = "SETOF public.pair";
  g.body = "SELECT 1, 2";
  model::Schema cur2, want2;
  cur2.namespaces["public"].composite_types["pair"] = pair_type();
  cur2.namespaces["public"].functions[g.signature()] = g;
  want2.namespaces["public"].functions[g.signature()] = g;
  why = refusal(cur2, want2);
  EXPECT_NE(why.find("function public.make_pair()"), std::string::npos) << why;
}

TEST(TypeUseGaps, DroppingACompositeTypeWithTheFunctionsUsingItIsPlannedFunctionsFirst) {
  model::Schema cur, want;
  cur.namespaces["public"].composite_types["pair"] = pair_type();
  model::Function f = takes_pair("integer");
  cur.namespaces["public"].functions[f.signature()] = f;
  want.namespaces["public"];
  Plan p = plan(cur, want);
  ASSERT_EQ(p.steps.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<DropFunction>(p.steps[0].change));
  EXPECT_TRUE(std::holds_alternative<DropCompositeType>(p.steps[1].change));
}

TEST(TypeUseGaps, ADomainOverACompositeTypeComesAfterItAndGoesBeforeIt) {
  model::Schema none, with;
  none.namespaces["public"];
  with.namespaces["public"].composite_types["pair"] = pair_type();
  model::Domain d;
  d.name = "positive_pair";
  d.type = "public.pair";
  d.checks["positive_pair_check"] = "(VALUE).a > 0";
  with.namespaces["public"].domains["positive_pair"] = d;

  Plan up = plan(none, with);
  ASSERT_EQ(up.steps.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<CreateCompositeType>(up.steps[0].change));
  EXPECT_TRUE(std::holds_alternative<CreateDomain>(up.steps[1].change));

  Plan down = plan(with, none);
  ASSERT_EQ(down.steps.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<DropDomain>(down.steps[0].change));
  EXPECT_TRUE(std::holds_alternative<DropCompositeType>(down.steps[1].change));
}

// A function body naming the configuration uses it: in a string body
// (plpgsql here) PostgreSQL records no dependency, so only its text tells.
TEST(TypeUseGaps, AParserChangeIsRefusedWhileAFunctionBodyNamesTheConfiguration) {
  model::Schema cur, want;
  cur.namespaces["public"].text_search_configs["s"] = {"s", "default", {{"word", {"simple"}}}, std::nullopt};
  want.namespaces["public"].text_search_configs["s"] = {"s", "public.mine", {{"word", {"simple"}}}, std::nullopt};
  model::Function f;
  f.name = "search_vector";
  f.arguments = {{"", "body", "text", std::nullopt}};
  f.returns = "tsvector";
  f.language = "plpgsql";
  f.body = "BEGIN RETURN to_tsvector('public.s', body); END";
  for (model::Schema* s : {&cur, &want}) s->namespaces["public"].functions[f.signature()] = f;
  std::string why = refusal(cur, want);
  EXPECT_NE(why.find("while function public.search_vector(text) name it"), std::string::npos) << why;
  EXPECT_NE(why.find("records no dependency"), std::string::npos) << why;

  // Not named: planned as a drop and a create.
  for (model::Schema* s : {&cur, &want}) s->namespaces["public"].functions[f.signature()].body = "BEGIN RETURN NULL; END";
  EXPECT_EQ(plan(cur, want).steps.size(), 2u);
}

}  // namespace
}  // namespace strata::diff
