#include "diff/inverse.h"

#include <gtest/gtest.h>

#include "model_builders.h"

namespace strata::diff {
namespace {

TEST(Inverse, IsItsOwnInverseForEveryOpButTheOneWayOnes) {
  model::Column a = test::column("a", "integer"), b = test::column("a", "bigint");
  model::Table t;
  t.name = "t";
  t.columns = {a};
  model::Index ix;
  ix.name = "i";
  model::IndexKey key;
  key.column = "a";
  ix.keys = {key};
  model::View v{"v", "SELECT 1", false, {}, std::nullopt};
  QualifiedName tn{"public", "t"};
  model::Column with_storage = a;
  with_storage.statistics = 500;
  with_storage.storage = "external";
  model::CheckConstraint not_valid_check{"c", "a > 0", false, std::nullopt, true};
  std::vector<Change> changes = {
      CreateSchema{"s", "c"},
      DropSchema{"s", std::nullopt},
      CreateExtension{{"citext", "1.6", "public"}},
      AlterExtension{"citext", "1.5", "1.6"},
      CreateEnum{{"public", "e"}, {"e", {"x"}, std::nullopt, std::nullopt, {}}},
      RenameEnum{{"public", "e"}, "f"},
      RenameEnumLabel{{"public", "e"}, "x", "y"},
      RecreateEnum{{"public", "e"}, {"x", "y"}, {"y", "x"}, {{tn, "a", false, "'x'"}}},
      CreateSequence{{"public", "q"}, {"q", "bigint", {}, std::nullopt, std::nullopt}},
      AlterSequence{{"public", "q"}, {"q", "bigint", {}, std::nullopt, std::nullopt},
                    {"q", "integer", {}, std::nullopt, std::nullopt}},
      CreateTable{tn, t},
      RenameTable{tn, "u"},
      RenameSequence{{"public", "q"}, "r"},
      SetLogged{tn, false},
      SetSequenceLogged{tn, "id", {tn.schema, "t_id_seq"}, true},
      AddColumn{tn, a},
      RenameColumn{tn, "a", "b"},
      AlterColumn{tn, a, b, ColumnDelta{true, false, false, false, false}},
      RecreateColumn{tn, a, b},
      AddConstraint{tn, model::CheckConstraint{"c", "a > 0", false, std::nullopt}},
      RenameConstraint{tn, "c", "d"},
      CreateIndex{tn, ix},
      RenameIndex{{"public", "i"}, "j"},
      CreateView{{"public", "v"}, v},
      ReplaceView{{"public", "v"}, v, model::View{"v", "SELECT 2", false, {}, std::nullopt}},
      SetComment{CommentTarget::kColumn, tn, "a", std::nullopt, "hello"},
      AttachPartition{tn, {{"public", "p"}, "FOR VALUES IN (1)"}},
      DetachPartition{tn, {{"public", "p"}, "DEFAULT"}},
      SetStorageParameters{tn, {{"fillfactor", "70"}}, {}},
      SetReplicaIdentity{tn, {}, {model::ReplicaIdentity::Kind::kFull, ""}},
      SetColumnStorage{tn, a, with_storage},
      ValidateConstraint{tn, not_valid_check},
      InvalidateConstraint{tn, not_valid_check},
      RefreshMaterializedView{{"public", "m"}, false},
      SetRowSecurity{tn, {}, {true, true}},
      CreatePolicy{tn, model::Policy{"p"}},
      AlterPolicy{tn, model::Policy{"p"}, model::Policy{"p", model::PolicyCommand::kAll, true, {"r"}}},
      SetOwner{{AccessKind::kTable, tn, ""}, "a", "b"},
      AlterPrivileges{{AccessKind::kSequence, tn, ""}, "r", {{"USAGE", false}}, {{"USAGE", true}}},
      CreateCompositeType{{"public", "ct"}, model::CompositeType{"ct", {{"a", "text", std::nullopt}}, std::nullopt}},
      AddAttribute{{"public", "ct"}, {"b", "integer", std::nullopt}},
      AlterAttribute{{"public", "ct"}, {"b", "integer", std::nullopt}, {"b", "bigint", std::nullopt}},
      CreateCollation{{"public", "co"}, model::Collation{"co", "icu", "en", std::nullopt, std::nullopt, true, std::nullopt}},
      CreateTextSearchConfig{{"public", "ts"}, model::TextSearchConfig{"ts", "default", {{"word", {"simple"}}}, std::nullopt}},
      AlterTextSearchMapping{{"public", "ts"}, "word", {"simple"}, {"english_stem"}},
      AlterTextSearchMapping{{"public", "ts"}, "url", {}, {"simple"}},
  };
  for (const auto& c : changes) {
    EXPECT_NE(inverse(c), c) << "index " << c.index();
    EXPECT_EQ(inverse(inverse(c)), c) << "index " << c.index();
  }
}

TEST(Inverse, AddedEnumLabelIsUndoneByRecreatingTheType) {
  AddEnumLabel add{{"public", "e"}, "b", std::nullopt, "a", {"a", "c"}, {}};
  Change inv = inverse(add);
  auto* r = std::get_if<RecreateEnum>(&inv);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->from_labels, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r->to_labels, (std::vector<std::string>{"a", "c"}));
}

TEST(Inverse, DroppingAGeneratedExpressionIsUndoneByRecreatingTheColumn) {
  model::Column gen = test::column("g", "integer");
  gen.generated = "a * 2";
  model::Column plain = test::column("g", "integer");
  ColumnDelta d;
  d.drop_expression = true;
  Change inv = inverse(AlterColumn{{"public", "t"}, gen, plain, d});
  auto* r = std::get_if<RecreateColumn>(&inv);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->to, gen);
}

}  // namespace
}  // namespace strata::diff
