// codegen::drift_items: a change as data, one item per attribute it touches.

#include <gtest/gtest.h>

#include "codegen/drift_item.h"
#include "codegen/render.h"

namespace strata::codegen {
namespace {

model::Column col(std::string name, std::string type) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

const diff::QualifiedName kUsers{"public", "users"};

TEST(DriftItems, AnAlteredColumnGivesOneItemPerAttribute) {
  diff::AlterColumn alter{kUsers, col("email", "text"), col("email", "character varying(320)"), {}};
  alter.to.nullable = false;
  alter.to.default_expr = "''";
  alter.delta.type = true;
  alter.delta.nullable = true;
  alter.delta.default_expr = true;
  std::vector<DriftItem> items = drift_items(alter);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0], (DriftItem{items[0].change, "public.users.email", "column", "type", "text",
                                 "character varying(320)"}));
  EXPECT_EQ(items[1].field, "default");
  EXPECT_EQ(items[1].current, std::nullopt);
  EXPECT_EQ(items[1].desired, "''");
  EXPECT_EQ(items[2].field, "nullable");
  EXPECT_EQ(items[2].current, "null");
  EXPECT_EQ(items[2].desired, "not null");
  for (const auto& i : items) EXPECT_EQ(i.change, describe(alter));
}

TEST(DriftItems, AnObjectOnOneSideHasNoFieldAndNullOnTheOther) {
  std::vector<DriftItem> add = drift_items(diff::AddColumn{kUsers, col("bio", "text")});
  ASSERT_EQ(add.size(), 1u);
  EXPECT_EQ(add[0], (DriftItem{"+ column public.users.bio text", "public.users.bio", "column", std::nullopt,
                               std::nullopt, "text"}));
  model::Table t;
  t.name = "users";
  std::vector<DriftItem> drop = drift_items(diff::DropTable{kUsers, t});
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].kind, "table");
  EXPECT_EQ(drop[0].current, "present");
  EXPECT_EQ(drop[0].desired, std::nullopt);
}

TEST(DriftItems, ARenameAndAnEnumLabel) {
  std::vector<DriftItem> rename = drift_items(diff::RenameTable{kUsers, "accounts"});
  ASSERT_EQ(rename.size(), 1u);
  EXPECT_EQ(rename[0].field, "name");
  EXPECT_EQ(rename[0].current, "users");
  EXPECT_EQ(rename[0].desired, "accounts");

  diff::AddEnumLabel label;
  label.type = {"public", "role"};
  label.label = "editor";
  label.after = "admin";
  label.labels_before = {"admin", "viewer"};
  std::vector<DriftItem> items = drift_items(label);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].current, "admin, viewer");
  EXPECT_EQ(items[0].desired, "admin, editor, viewer");
}

TEST(DriftItems, JsonHasEveryFieldWithNullForAbsent) {
  nlohmann::json j = drift_items(diff::AddColumn{kUsers, col("bio", "text")})[0];
  EXPECT_EQ(j, (nlohmann::json{{"change", "+ column public.users.bio text"},
                               {"object", "public.users.bio"},
                               {"kind", "column"},
                               {"field", nullptr},
                               {"current", nullptr},
                               {"desired", "text"}}));
}

}  // namespace
}  // namespace strata::codegen
