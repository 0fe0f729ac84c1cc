#include "diff/hazard.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model_builders.h"

namespace strata::diff {
namespace {

std::vector<HazardKind> kinds(const Change& c) {
  std::vector<HazardKind> out;
  for (const auto& h : hazards_of(c)) out.push_back(h.kind);
  return out;
}

AlterColumn type_change(const std::string& from, const std::string& to) {
  ColumnDelta d;
  d.type = true;
  return {{"public", "t"}, test::column("c", from), test::column("c", to), d};
}

TEST(Hazard, TypeChanges) {
  using K = std::vector<HazardKind>;
  EXPECT_EQ(kinds(type_change("integer", "bigint")), K{HazardKind::kRewrite});
  EXPECT_EQ(kinds(type_change("bigint", "integer")),
            (K{HazardKind::kDataLoss, HazardKind::kRewrite, HazardKind::kMayFail}));
  EXPECT_EQ(kinds(type_change("character varying(10)", "character varying(20)")), K{});
  EXPECT_EQ(kinds(type_change("character varying(10)", "text")), K{});
  EXPECT_EQ(kinds(type_change("character varying(20)", "character varying(10)")),
            (K{HazardKind::kDataLoss, HazardKind::kRewrite, HazardKind::kMayFail}));
  EXPECT_EQ(kinds(type_change("numeric(10,2)", "numeric(12,2)")), K{HazardKind::kRewrite});
  EXPECT_EQ(kinds(type_change("numeric(10,4)", "numeric(10,2)")),
            (K{HazardKind::kDataLoss, HazardKind::kRewrite, HazardKind::kMayFail}));
}

TEST(Hazard, CastsThatCanFailOnAValueMayFailOnRows) {
  using K = std::vector<HazardKind>;
  EXPECT_EQ(kinds(type_change("text", "integer")), (K{HazardKind::kRewrite, HazardKind::kMayFail}));
  EXPECT_EQ(kinds(type_change("text", "boolean")).back(), HazardKind::kMayFail);
  EXPECT_EQ(kinds(type_change("integer", "numeric(5,2)")).back(), HazardKind::kMayFail);
  auto h = hazards_of(type_change("text", "integer")).back();
  EXPECT_EQ(h.detail, "converts public.t.c from text to integer: fails (or, for a shorter length, cuts values) "
                      "on rows it cannot convert; see the pre-check");
  // Widenings and conversions to text convert every value.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"integer", "bigint"},
           {"integer", "text"},
           {"integer", "numeric"},
           {"real", "double precision"},
           {"numeric(10,2)", "numeric(12,2)"},
           {"character varying(10)", "character varying(20)"},
           {"timestamp without time zone", "timestamp with time zone"},
           {"timestamp with time zone", "timestamp(3) with time zone"}})
    for (auto k : kinds(type_change(from, to))) EXPECT_NE(k, HazardKind::kMayFail) << from << " -> " << to;
}

TEST(Hazard, RenamesAndDropsBreakRunningCode) {
  QualifiedName t{"public", "t"};
  EXPECT_EQ(kind_name(HazardKind::kBreaksRunningCode), "breaks-running-code");
  EXPECT_EQ(kinds(RenameTable{t, "u"}), std::vector<HazardKind>{HazardKind::kBreaksRunningCode});
  EXPECT_EQ(hazards_of(RenameTable{t, "u"}).front().detail,
            "code still using the name public.t fails once it is renamed to u");
  EXPECT_EQ(kinds(RenameColumn{t, "a", "b"}), std::vector<HazardKind>{HazardKind::kBreaksRunningCode});
  EXPECT_EQ(kinds(DropView{{"public", "v"}, {}}), std::vector<HazardKind>{HazardKind::kBreaksRunningCode});
}

TEST(Hazard, TimeZoneChangesDoNotNarrow) {
  using K = std::vector<HazardKind>;
  auto ts = type_change("timestamp without time zone", "timestamp with time zone");
  EXPECT_EQ(kinds(ts), K{HazardKind::kRewrite});
  EXPECT_EQ(hazards_of(ts).front().detail,
            "rewrites public.t to change the type of c (each value is converted in the session's TimeZone)");
  EXPECT_EQ(kinds(type_change("timestamp with time zone", "timestamp without time zone")),
            K{HazardKind::kRewrite});
  EXPECT_EQ(kinds(type_change("time without time zone", "time with time zone")),
            K{HazardKind::kRewrite});
  // Only a lower fractional-second precision narrows.
  EXPECT_EQ(kinds(type_change("timestamp without time zone", "timestamp(3) with time zone")),
            (K{HazardKind::kDataLoss, HazardKind::kRewrite}));
  EXPECT_EQ(kinds(type_change("timestamp(3) without time zone", "timestamp with time zone")),
            K{HazardKind::kRewrite});
}

TEST(Hazard, SerialOfTheSameWidthChangesNoType) {
  using K = std::vector<HazardKind>;
  EXPECT_EQ(kinds(type_change("bigint", "bigserial")), K{});
  EXPECT_EQ(kinds(type_change("serial", "integer")), K{});
  EXPECT_EQ(kinds(type_change("integer", "bigserial")), K{HazardKind::kRewrite});
  EXPECT_EQ(kinds(type_change("bigserial", "serial")),
            (K{HazardKind::kDataLoss, HazardKind::kRewrite, HazardKind::kMayFail}));
}

TEST(Hazard, NotNullColumnWithoutDefaultMayFailOnRows) {
  QualifiedName t{"public", "t"};
  AddColumn bare{t, test::column("c", "text", false)};
  EXPECT_EQ(kinds(bare), std::vector<HazardKind>{HazardKind::kMayFail});
  EXPECT_EQ(kind_name(HazardKind::kMayFail), "may-fail");
  model::Column with_default = test::column("c", "text", false);
  with_default.default_expr = "''";
  EXPECT_TRUE(kinds(AddColumn{t, with_default}).empty());
  EXPECT_TRUE(kinds(AddColumn{t, test::column("c", "text", true)}).empty());
  model::Column identity = test::column("c", "bigint", false);
  identity.identity = model::Identity{};
  EXPECT_EQ(kinds(AddColumn{t, identity}), std::vector<HazardKind>{HazardKind::kRewrite});
}

TEST(Hazard, ViewCreatedAgainWithGrantsSaysTheyAreReGranted) {
  model::View v{"v", "SELECT 1 AS one", false, {}, std::nullopt, {}, {}, {}, {}};
  EXPECT_TRUE(kinds(CreateView{{"public", "v"}, v}).empty());
  v.grants = {{"reader", "UPDATE", true}, {"PUBLIC", "SELECT", false}};
  CreateView again{{"public", "v"}, v};
  EXPECT_EQ(kinds(again), std::vector<HazardKind>{HazardKind::kBreaksRunningCode});
  EXPECT_EQ(hazards_of(again)[0].detail,
            "privileges re-granted on view public.v (UPDATE to reader with grant option, SELECT to PUBLIC): the view is "
            "dropped and created again");
  // A recreated enum names the grants of the views it puts back.
  RecreateEnum r{{"public", "mood"}, {"a", "b"}, {"b", "a"}, {}, {}};
  r.dependents.views.push_back(again);
  auto hazards = kinds(r);
  EXPECT_NE(std::find(hazards.begin(), hazards.end(), HazardKind::kBreaksRunningCode), hazards.end());
}

TEST(Hazard, RowSecurityAndRevokesBreakRunningCode) {
  QualifiedName t{"public", "docs"};
  EXPECT_EQ(hazards_of(SetRowSecurity{t, {}, {true, false}}).size(), 1u);
  EXPECT_TRUE(hazards_of(SetRowSecurity{t, {true, false}, {}}).empty());
  model::Policy restrictive{"p"};
  restrictive.permissive = false;
  EXPECT_EQ(hazards_of(CreatePolicy{t, restrictive}).size(), 1u);
  EXPECT_TRUE(hazards_of(CreatePolicy{t, model::Policy{"p"}}).empty());
  EXPECT_EQ(hazards_of(DropPolicy{t, model::Policy{"p"}})[0].kind, HazardKind::kBreaksRunningCode);
  AccessTarget target{AccessKind::kTable, t, ""};
  EXPECT_TRUE(hazards_of(AlterPrivileges{target, "r", {}, {{"SELECT", false}}}).empty());
  auto revoke = hazards_of(AlterPrivileges{target, "r", {{"SELECT", false}, {"UPDATE", true}}, {{"SELECT", true}}});
  ASSERT_EQ(revoke.size(), 1u);
  EXPECT_EQ(revoke[0].detail, "revokes UPDATE on public.docs from r");
}

TEST(Hazard, SetNotNullScansUnderAnExclusiveLock) {
  ColumnDelta d;
  d.nullable = true;
  AlterColumn set{{"public", "t"}, test::column("c", "text", true), test::column("c", "text", false), d};
  EXPECT_EQ(kinds(set), (std::vector<HazardKind>{HazardKind::kBlocksWrites, HazardKind::kMayFail}));
  EXPECT_EQ(hazards_of(set).back().detail, "sets public.t.c NOT NULL: fails if a row holds NULL; see the pre-check");
  AlterColumn drop{{"public", "t"}, test::column("c", "text", false), test::column("c", "text", true), d};
  EXPECT_TRUE(kinds(drop).empty());
}

TEST(Hazard, DropsLoseDataAndKeysBlock) {
  QualifiedName t{"public", "t"};
  EXPECT_EQ(kinds(DropColumn{t, test::column("c", "text")}),
            (std::vector<HazardKind>{HazardKind::kDataLoss, HazardKind::kBreaksRunningCode}));
  EXPECT_EQ(kinds(DropTable{t, {}}), (std::vector<HazardKind>{HazardKind::kDataLoss, HazardKind::kBreaksRunningCode}));
  EXPECT_EQ(kinds(CreateIndex{t, {}}), std::vector<HazardKind>{HazardKind::kBlocksWrites});
  EXPECT_EQ(kinds(AddConstraint{t, model::CheckConstraint{"k", "c > 0", false, std::nullopt}}),
            (std::vector<HazardKind>{HazardKind::kBlocksWrites, HazardKind::kMayFail}));
  EXPECT_EQ(kinds(AddConstraint{t, model::UniqueConstraint{"u", {"c"}, false, {}, std::nullopt}}),
            (std::vector<HazardKind>{HazardKind::kBlocksWrites, HazardKind::kMayFail}));
  EXPECT_EQ(hazards_of(AddConstraint{t, model::ForeignKey{"f", {"c"}, {"public", "p"}, {"id"}}}).back().detail,
            "adds f: fails if a row of public.t references a missing row; see the pre-check");
  EXPECT_TRUE(kinds(AddColumn{t, test::column("c", "text")}).empty());
  model::Column volatile_default = test::column("c", "uuid");
  volatile_default.default_expr = "gen_random_uuid()";
  EXPECT_EQ(kinds(AddColumn{t, volatile_default}), std::vector<HazardKind>{HazardKind::kRewrite});
}

TEST(Hazard, RecreatingAnEnumSaysWhichLabelsGo) {
  RecreateEnum r{{"public", "e"}, {"a", "b"}, {"a"}, {{{"public", "t"}, "c", false, std::nullopt}}};
  auto hs = hazards_of(r);
  ASSERT_EQ(hs.size(), 4u);
  EXPECT_EQ(hs[0].kind, HazardKind::kRewrite);
  EXPECT_EQ(hs[1].kind, HazardKind::kDataLoss);
  EXPECT_NE(hs[1].detail.find("b"), std::string::npos);
  EXPECT_EQ(hs[2].kind, HazardKind::kRewrite);
  // The type gets a new OID: sessions that cached the old one fail.
  EXPECT_EQ(hs[3].kind, HazardKind::kBreaksRunningCode);
  EXPECT_NE(hs[3].detail.find("new OID"), std::string::npos);
}

TEST(Hazard, RecreatingAnEnumBlocksWritesWhileItsIndexesAndChecksComeBack) {
  QualifiedName t{"public", "t"};
  RecreateEnum r{{"public", "e"}, {"a", "b"}, {"b", "a"}, {{t, "c", false, std::nullopt}}};
  model::Index ix;
  ix.name = "t_c_idx";
  r.dependents.indexes.push_back(CreateIndex{t, ix});
  r.dependents.constraints.push_back(AddConstraint{t, model::CheckConstraint{"t_c_check", "c <> 'a'"}});
  auto k = kinds(r);
  EXPECT_EQ(std::count(k.begin(), k.end(), HazardKind::kBlocksWrites), 2);
  EXPECT_EQ(std::count(k.begin(), k.end(), HazardKind::kDataLoss), 0) << "no label goes";
}

TEST(Hazard, ARenamedSequenceBreaksCodeAndADroppedIndexBlocksWrites) {
  QualifiedName t{"public", "t"};
  EXPECT_EQ(kinds(RenameSequence{{"public", "s"}, "s2"}), std::vector<HazardKind>{HazardKind::kBreaksRunningCode});
  EXPECT_NE(hazards_of(RenameSequence{{"public", "s"}, "s2"})[0].detail.find("nextval('public.s')"),
            std::string::npos);
  model::Index ix;
  ix.name = "t_c_idx";
  EXPECT_EQ(kinds(DropIndex{t, ix}), std::vector<HazardKind>{HazardKind::kBlocksWrites});
}

}  // namespace
}  // namespace strata::diff
