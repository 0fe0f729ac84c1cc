// Composite types, collations and text search configurations in the plan:
// their order against what uses them, and the changes PostgreSQL refuses in
// place, refused with what uses the object.
#include <gtest/gtest.h>

#include "core/error.h"
#include "diff/plan.h"
#include "model_builders.h"

namespace strata::diff {
namespace {

using test::column;
using test::refusal;
using test::table;

model::CompositeType address(const std::string& zip_type) {
  return {"address", {{"street", "text", std::nullopt}, {"zip", zip_type, std::nullopt}}, std::nullopt};
}

std::vector<Change> changes(const Plan& p) {
  std::vector<Change> out;
  for (const auto& s : p.steps) out.push_back(s.change);
  return out;
}

TEST(TypeObjects, CompositeTypesComeAfterWhatTheyHoldAndBeforeTheirColumns) {
  model::Schema want;
  want.namespaces["public"].composite_types["zz_inner"] = {"zz_inner", {{"a", "integer", std::nullopt}}, std::nullopt};
  want.namespaces["public"].composite_types["aa_outer"] = {"aa_outer", {{"in", "public.zz_inner", std::nullopt}},
                                                           std::nullopt};
  table(want, "t", {column("o", "public.aa_outer")});
  auto got = changes(plan({}, want));
  ASSERT_GE(got.size(), 3u);
  EXPECT_EQ(std::get<CreateCompositeType>(got[0]).name.name, "zz_inner");
  EXPECT_EQ(std::get<CreateCompositeType>(got[1]).name.name, "aa_outer");
  EXPECT_TRUE(std::holds_alternative<CreateTable>(got[2]));
  // Dropped the other way round, after the table.
  auto down = changes(plan(want, {}));
  ASSERT_EQ(down.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<DropTable>(down[0]));
  EXPECT_EQ(std::get<DropCompositeType>(down[1]).name.name, "aa_outer");
  EXPECT_EQ(std::get<DropCompositeType>(down[2]).name.name, "zz_inner");
}

TEST(TypeObjects, AttributeOrderAloneIsNoChange) {
  model::Schema cur, want;
  cur.namespaces["public"].composite_types["address"] = address("text");
  model::CompositeType reordered = address("text");
  std::swap(reordered.attributes[0], reordered.attributes[1]);
  want.namespaces["public"].composite_types["address"] = reordered;
  EXPECT_TRUE(plan(cur, want).empty());
}

TEST(TypeObjects, AnAttributeTypeChangeIsRefusedWhileAColumnUsesTheType) {
  model::Schema cur, want;
  cur.namespaces["public"].composite_types["address"] = address("text");
  want.namespaces["public"].composite_types["address"] = address("integer");
  EXPECT_EQ(changes(plan(cur, want)),
            (std::vector<Change>{AlterAttribute{{"public", "address"}, address("text").attributes[1],
                                                address("integer").attributes[1]}}));
  table(cur, "t", {column("home", "public.address")});
  table(want, "t", {column("home", "public.address")});
  std::string why = refusal(cur, want);
  EXPECT_NE(why.find("attribute public.address.zip changes its type (text -> integer) while public.t.home use"),
            std::string::npos)
      << why;
}

TEST(TypeObjects, AChangedCollationIsDroppedAndCreatedUnlessSomethingUsesIt) {
  model::Schema cur, want;
  cur.namespaces["public"].collations["c"] = {"c", "icu", "en", std::nullopt, std::nullopt, true, std::nullopt};
  want.namespaces["public"].collations["c"] = {"c", "icu", "de", std::nullopt, std::nullopt, true, std::nullopt};
  auto got = changes(plan(cur, want));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<DropCollation>(got[0]));
  EXPECT_TRUE(std::holds_alternative<CreateCollation>(got[1]));
  for (model::Schema* s : {&cur, &want}) {
    auto& t = table(*s, "t", {column("a", "text")});
    t.columns[0].collation = "public.c";
  }
  std::string why = refusal(cur, want);
  EXPECT_NE(why.find("collation public.c changes its definition while public.t.a use it"), std::string::npos) << why;
}

TEST(TypeObjects, AParserChangeIsRefusedWhileAnIndexNamesTheConfiguration) {
  model::Schema cur, want;
  cur.namespaces["public"].text_search_configs["s"] = {"s", "default", {{"word", {"simple"}}}, std::nullopt};
  want.namespaces["public"].text_search_configs["s"] = {"s", "public.mine", {{"word", {"simple"}}}, std::nullopt};
  auto got = changes(plan(cur, want));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<DropTextSearchConfig>(got[0]));
  EXPECT_TRUE(std::holds_alternative<CreateTextSearchConfig>(got[1]));
  for (model::Schema* s : {&cur, &want}) {
    auto& t = table(*s, "t", {column("a", "text")});
    model::IndexKey k;
    k.expression = "to_tsvector('public.s'::regconfig, a)";
    t.indexes["t_fts"] = {"t_fts", false, false, "gin", {k}, {}, std::nullopt, std::nullopt, std::nullopt};
  }
  std::string why = refusal(cur, want);
  EXPECT_NE(why.find("changes its parser (default -> public.mine) while index public.t_fts name it"),
            std::string::npos)
      << why;
}

TEST(TypeObjects, ConfigurationsAndCollationsComeBeforeTheIndexesThatNameThem) {
  model::Schema want;
  want.namespaces["public"].text_search_configs["s"] = {"s", "default", {{"word", {"simple"}}}, std::nullopt};
  want.namespaces["public"].collations["c"] = {"c", "icu", "en", std::nullopt, std::nullopt, true, std::nullopt};
  auto& t = table(want, "t", {column("a", "text")});
  t.columns[0].collation = "public.c";
  model::IndexKey k;
  k.expression = "to_tsvector('public.s'::regconfig, a)";
  t.indexes["t_fts"] = {"t_fts", false, false, "gin", {k}, {}, std::nullopt, std::nullopt, std::nullopt};
  auto got = changes(plan({}, want));
  ASSERT_GE(got.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CreateCollation>(got[0]));
  EXPECT_TRUE(std::holds_alternative<CreateTextSearchConfig>(got[1]));
  auto down = changes(plan(want, {}));
  EXPECT_TRUE(std::holds_alternative<DropCollation>(down.back()));
  EXPECT_TRUE(std::holds_alternative<DropTextSearchConfig>(down[down.size() - 2]));
}

}  // namespace
}  // namespace strata::diff
