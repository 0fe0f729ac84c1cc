#include "diff/plan.h"

#include <gtest/gtest.h>

#include "diff/planner.h"
#include "model_builders.h"

namespace strata::diff {
namespace {

using test::column;
using test::foreign_key;
using test::table;

// Records every call; answers "same" for questions whose desired spelling
// is listed.
class FakeOracle : public ExpressionOracle {
 public:
  std::vector<std::string> same_spellings;
  std::vector<std::vector<ExpressionQuestion>> calls;

  std::vector<bool> same(const std::vector<ExpressionQuestion>& questions) override {
    calls.push_back(questions);
    std::vector<bool> out;
    for (const auto& q : questions)
      out.push_back(std::find(same_spellings.begin(), same_spellings.end(), q.desired) !=
                    same_spellings.end());
    return out;
  }
};

model::Schema with_defaults(const std::string& created_at, const std::string& check,
                            const std::string& view) {
  model::Schema s;
  auto& t = table(s, "users", {column("id", "bigint", false), column("created_at", "timestamp with time zone")});
  t.columns[1].default_expr = created_at;
  t.checks["users_id_check"] = {"users_id_check", check, false, std::nullopt};
  s.namespaces["public"].views["v"] = {"v", view, false, {}, std::nullopt};
  return s;
}

TEST(Plan, IdenticalSchemasGiveAnEmptyPlan) {
  model::Schema s = with_defaults("now()", "id > 0", "SELECT id FROM users");
  EXPECT_TRUE(plan(s, s).empty());
}

TEST(Plan, OfflineEqualSpellingsAreNoChange) {
  model::Schema a = with_defaults("'2020-01-01'::timestamp with time zone", "(id > 0)", "SELECT id FROM users");
  model::Schema b = with_defaults("'2020-01-01'", "id > 0", "select id from users;");
  FakeOracle oracle;
  EXPECT_TRUE(plan(a, b, {}, &oracle).empty());
  EXPECT_TRUE(oracle.calls.empty()) << "nothing left for the server";
}

TEST(Plan, RemainingDifferencesGoToTheOracleInOneCall) {
  model::Schema catalog = with_defaults("now()", "(id > 0)", " SELECT users.id\n   FROM users;");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "0 < id", "SELECT id FROM users");
  FakeOracle oracle;
  oracle.same_spellings = {"CURRENT_TIMESTAMP", "0 < id", "SELECT id FROM users"};
  Plan p = plan(catalog, desired, {}, &oracle);
  EXPECT_TRUE(p.empty());
  ASSERT_EQ(oracle.calls.size(), 1u);
  EXPECT_EQ(oracle.calls[0].size(), 3u);
}

TEST(Plan, OracleQuestionsCarryOnlyTheColumnsTheirSpellingsCanName) {
  model::Schema catalog = with_defaults("now()", "(id > 0)", "SELECT id FROM users");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "0 < ID", "SELECT id FROM users");
  for (auto* s : {&catalog, &desired})
    for (int i = 0; i < 20; ++i)
      s->namespaces["public"].tables["users"].columns.push_back(column("extra" + std::to_string(i), "text"));
  FakeOracle oracle;
  oracle.same_spellings = {"CURRENT_TIMESTAMP", "0 < ID"};
  EXPECT_TRUE(plan(catalog, desired, {}, &oracle).empty());
  ASSERT_EQ(oracle.calls.size(), 1u);
  ASSERT_EQ(oracle.calls[0].size(), 2u);
  for (const auto& q : oracle.calls[0]) {
    std::vector<std::string> names;
    for (const auto& c : q.columns) names.push_back(c.name);
    if (q.kind == ExpressionQuestion::Kind::kDefault)
      EXPECT_EQ(names, std::vector<std::string>{"created_at"}) << q.desired;
    else
      EXPECT_EQ(names, std::vector<std::string>{"id"}) << q.desired;  // named as ID
  }
}

// Two tables of `columns` with the same check, spelled as the catalog
// prints it on the current side.
void two_tables_with_check(model::Schema& catalog, model::Schema& desired,
                           const std::vector<model::Column>& columns, const std::string& prefix) {
  for (const auto& name : {prefix + "a", prefix + "b"}) {
    table(catalog, name, columns).checks["c"] = {"c", "amount >= 0::numeric", false, std::nullopt};
    table(desired, name, columns).checks["c"] = {"c", "amount >= 0", false, std::nullopt};
  }
}

TEST(Plan, TheSameQuestionOfManyTablesIsAskedOnce) {
  // The server answers from a scratch table of the columns a spelling names
  // in the table's schema: tables whose check reads the same columns ask
  // one question; a table whose column has another type asks its own.
  model::Schema catalog, desired;
  two_tables_with_check(catalog, desired, {column("id", "bigint", false), column("amount", "numeric")}, "n");
  two_tables_with_check(catalog, desired, {column("id", "bigint", false), column("amount", "integer")}, "i");
  table(catalog, "z", {column("amount", "numeric")}, "other").checks["c"] = {"c", "amount >= 0::numeric", false, std::nullopt};
  table(desired, "z", {column("amount", "numeric")}, "other").checks["c"] = {"c", "amount >= 0", false, std::nullopt};
  FakeOracle oracle;
  oracle.same_spellings = {"amount >= 0"};
  EXPECT_TRUE(plan(catalog, desired, {}, &oracle).empty());
  ASSERT_EQ(oracle.calls.size(), 1u);
  std::vector<std::string> asked;
  for (const auto& q : oracle.calls[0]) asked.push_back(q.table.schema + " " + q.columns.at(0).type);
  std::sort(asked.begin(), asked.end());
  EXPECT_EQ(asked, (std::vector<std::string>{"other numeric", "public integer", "public numeric"}));
}

TEST(Plan, AQuestionMetWhilePlanningReadsTheAnswerOfTheSameQuestionAskedAhead) {
  // The child's check is compared by the planner (with the columns it
  // inherits), not ahead; the server sees the same question as the
  // parent's, asked ahead, and that answer holds for the child too.
  model::Schema catalog, desired;
  for (auto* s : {&catalog, &desired}) {
    bool cur = s == &catalog;
    table(*s, "animals", {column("id", "bigint", false), column("name", "text")}).checks["animals_name_check"] =
        {"animals_name_check", cur ? "name <> ''::text" : "name <> ''", false, std::nullopt};
    auto& dogs = table(*s, "dogs", {column("id", "bigint", false), column("name", "text"), column("breed", "text")});
    dogs.inherits = {{"public", "animals"}};
    dogs.checks["animals_name_check"] = {"animals_name_check", cur ? "name <> ''::text" : "name <> ''", false,
                                         std::nullopt};
  }
  FakeOracle oracle;
  oracle.same_spellings = {"name <> ''"};
  EXPECT_TRUE(plan(catalog, desired, {}, &oracle).changes().empty());
  EXPECT_EQ(oracle.calls.size(), 1u);
}

TEST(Plan, TheQuestionsOfTablesAndViewsAreAskedBeforePlanning) {
  // plan() asks them ahead so that one planner pass reads every answer: a
  // question the planner still met afterwards would cost a second pass.
  model::Schema catalog = with_defaults("now()", "(id > 0)", " SELECT users.id\n   FROM users;");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "0 < id", "SELECT id FROM users");
  for (auto* s : {&catalog, &desired}) {
    auto& t = s->namespaces["public"].tables["users"];
    t.columns.push_back(column("total", "numeric"));
    t.columns.push_back(column("name", "text"));
    model::Index ix;
    ix.name = "users_name_idx";
    ix.keys.resize(1);
    t.indexes[ix.name] = ix;
    model::ExclusionConstraint x;
    x.name = "users_excl";
    x.elements.resize(1);
    x.elements[0].op = "=";
    t.exclusions[x.name] = x;
  }
  auto spell = [](model::Schema& s, bool cur) {
    auto& t = s.namespaces["public"].tables["users"];
    t.columns[2].generated = cur ? "(id * 2::numeric)" : "id * 2";
    t.indexes["users_name_idx"].keys[0].expression = cur ? "lower(name::text)" : "lower(name)";
    t.indexes["users_name_idx"].where = cur ? "total > 0::numeric" : "total > 0";
    t.exclusions["users_excl"].elements[0].expression = cur ? "(upper(name::text))" : "(upper(name))";
    t.exclusions["users_excl"].where = cur ? "total < 9::numeric" : "total < 9";
  };
  spell(catalog, true);
  spell(desired, false);
  Options options;
  normalize(catalog, options);
  normalize(desired, options);
  FakeOracle oracle;
  ExpressionJudge judge(&oracle);
  ask_ahead(catalog, desired, judge);
  EXPECT_TRUE(judge.settle());
  EXPECT_EQ(judge.asked(), 8u);  // default, generated, check, view, 2 index and 2 exclusion parts
  Planner(catalog, desired, options, judge).run();
  EXPECT_FALSE(judge.settle()) << "the planner met a question that was not asked ahead";
  EXPECT_EQ(oracle.calls.size(), 1u);
}

TEST(Plan, OnlyDifferencesTheOracleConfirmsAreChanges) {
  model::Schema catalog = with_defaults("now()", "(id > 0)", "SELECT users.id FROM users");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "id > 1", "SELECT id FROM users");
  FakeOracle oracle;
  oracle.same_spellings = {"CURRENT_TIMESTAMP", "SELECT id FROM users"};
  Plan p = plan(catalog, desired, {}, &oracle);
  ASSERT_EQ(oracle.calls.size(), 1u);
  std::vector<Change> want = {
      DropConstraint{{"public", "users"}, catalog.find_table({"public", "users"})->checks.at("users_id_check")},
      AddConstraint{{"public", "users"}, desired.find_table({"public", "users"})->checks.at("users_id_check")},
  };
  EXPECT_EQ(p.changes(), want);
}

TEST(Plan, WithoutAnOracleEveryOfflineDifferenceIsAChange) {
  model::Schema catalog = with_defaults("now()", "id > 0", "SELECT id FROM users");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "id > 0", "SELECT id FROM users");
  Plan p = plan(catalog, desired);
  ASSERT_EQ(p.steps.size(), 1u);
  auto* alter = std::get_if<AlterColumn>(&p.steps[0].change);
  ASSERT_NE(alter, nullptr);
  EXPECT_TRUE(alter->delta.default_expr);
  EXPECT_FALSE(alter->delta.type);
}

TEST(Plan, StrataSchemaIsNeverDiffed) {
  model::Schema current;
  table(current, "revisions", {column("revision", "text")}, "strata");
  EXPECT_TRUE(plan(current, {}).empty());
  EXPECT_TRUE(plan({}, current).empty());
}

TEST(Plan, IgnoredSchemasAreLeftAlone) {
  model::Schema current;
  table(current, "t", {column("a", "text")}, "scratch");
  Options o;
  o.ignored_schemas = {"scratch"};
  EXPECT_TRUE(plan(current, {}, o).empty());
  EXPECT_FALSE(plan(current, {}).empty());
}

TEST(Plan, RenamedTableAndColumnBecomeRenames) {
  model::Schema current, desired;
  table(current, "people", {column("id", "bigint", false), column("mail", "text")});
  auto& t = table(desired, "users", {column("id", "bigint", false), column("email", "text")});
  t.renamed_from = "people";
  t.columns[1].renamed_from = "mail";
  std::vector<Change> want = {RenameTable{{"public", "people"}, "users"},
                              RenameColumn{{"public", "users"}, "mail", "email"}};
  Plan p = plan(current, desired);
  EXPECT_EQ(p.changes(), want);
  EXPECT_EQ(p.steps[0].inverse, (Change{RenameTable{{"public", "users"}, "people"}}));
}

TEST(Plan, BothPassesRenameWhenTheOracleIsAsked) {
  // The second (answering) pass must start from the catalog as it was, not
  // from the first pass's schema with the renames already made.
  model::Schema current = with_defaults("now()", "(id > 0)", "SELECT id FROM users");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "(id > 0)", "SELECT id FROM users");
  current.namespaces["public"].tables["users"].columns.push_back(column("mail", "text"));
  auto& t = desired.namespaces["public"].tables["users"];
  t.columns.push_back(column("email", "text"));
  t.columns.back().renamed_from = "mail";
  FakeOracle oracle;
  oracle.same_spellings = {"CURRENT_TIMESTAMP"};
  Plan p = plan(current, desired, {}, &oracle);
  ASSERT_EQ(oracle.calls.size(), 1u);
  EXPECT_EQ(p.changes(), (std::vector<Change>{RenameColumn{{"public", "users"}, "mail", "email"}}));
}

TEST(Plan, SchemasMovedInPlanAsCopiesDo) {
  // Moved in (as check and diff do) or copied: the same plan.
  model::Schema current = with_defaults("now()", "(id > 0)", "SELECT id FROM users");
  model::Schema desired = with_defaults("CURRENT_TIMESTAMP", "id > 1", "SELECT id FROM users");
  table(desired, "orders", {column("id", "bigint", false)});
  FakeOracle copied, moved;
  copied.same_spellings = moved.same_spellings = {"CURRENT_TIMESTAMP"};
  Plan by_copy = plan(current, desired, {}, &copied);
  Plan by_move = plan(std::move(current), std::move(desired), {}, &moved);
  EXPECT_EQ(by_copy, by_move);
  EXPECT_EQ(by_move.steps.size(), 3u);  // the check dropped and added, the table created
}

TEST(Plan, GrantsAndOwnersSurviveTheOraclePass) {
  // The second pass plans on the schemas the first gives back: the owners
  // and grants the first pass took out of them must be there again.
  Options options;
  options.manage_owners = options.manage_privileges = true;
  model::Schema current = with_defaults("now()", "(id > 0)", "SELECT id FROM users");
  model::Schema desired = with_defaults("now()", "id > 1", "SELECT id FROM users");
  auto& access = desired.namespaces["public"].tables["users"].access;
  access.owner = "app_owner";
  access.grants["app_reader"] = {{"select", false}};
  current.namespaces["public"].tables["users"].access.owner = "postgres";
  // A domain's check is not asked ahead: the first pass meets it, and the
  // second plans on the schemas the first gives back.
  current.namespaces["public"].domains["positive"] = {"positive", "integer", std::nullopt, true, std::nullopt,
                                                      {{"positive_check", "VALUE > 0"}}, std::nullopt};
  desired.namespaces["public"].domains["positive"] = {"positive", "integer", std::nullopt, true, std::nullopt,
                                                      {{"positive_check", "0 < VALUE"}}, std::nullopt};
  FakeOracle oracle;
  Plan p = plan(std::move(current), std::move(desired), options, &oracle);
  ASSERT_EQ(oracle.calls.size(), 2u) << "the check asked ahead, the domain's check by the first pass";
  ASSERT_EQ(oracle.calls[1].size(), 1u);
  EXPECT_EQ(oracle.calls[1][0].desired, "0 < VALUE");
  const AccessTarget users{AccessKind::kTable, {"public", "users"}, ""};
  std::vector<Change> changes = p.changes();
  EXPECT_NE(std::find(changes.begin(), changes.end(), Change{SetOwner{users, "postgres", "app_owner"}}),
            changes.end());
  EXPECT_NE(std::find(changes.begin(), changes.end(),
                      Change{AlterPrivileges{users, "app_reader", {}, {{"select", false}}}}),
            changes.end());
}

TEST(Plan, RenameHintIsIgnoredOnceApplied) {
  model::Schema current, desired;
  table(current, "users", {column("id", "bigint", false)});
  table(desired, "users", {column("id", "bigint", false)}).renamed_from = "people";
  EXPECT_TRUE(plan(current, desired).empty());
}

TEST(Plan, TablesAreCreatedInForeignKeyOrderAndCyclesClosedAfterwards) {
  model::Schema desired;
  table(desired, "a", {column("id", "bigint", false), column("b_id", "bigint")})
      .foreign_keys["a_b_id_fkey"] = foreign_key("a_b_id_fkey", "b_id", "b", "id");
  table(desired, "b", {column("id", "bigint", false), column("a_id", "bigint")})
      .foreign_keys["b_a_id_fkey"] = foreign_key("b_a_id_fkey", "a_id", "a", "id");
  table(desired, "c", {column("id", "bigint", false), column("b_id", "bigint")})
      .foreign_keys["c_b_id_fkey"] = foreign_key("c_b_id_fkey", "b_id", "b", "id");
  Plan p = plan({}, desired);
  ASSERT_EQ(p.steps.size(), 4u);
  // a's key to b closes the cycle: a is created without it, b and c with theirs.
  auto* first = std::get_if<CreateTable>(&p.steps[0].change);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name.name, "a");
  EXPECT_TRUE(first->table.foreign_keys.empty());
  EXPECT_EQ(std::get<CreateTable>(p.steps[1].change).name.name, "b");
  EXPECT_EQ(std::get<CreateTable>(p.steps[1].change).table.foreign_keys.size(), 1u);
  EXPECT_EQ(std::get<CreateTable>(p.steps[2].change).name.name, "c");
  auto* fk = std::get_if<AddConstraint>(&p.steps[3].change);
  ASSERT_NE(fk, nullptr);
  EXPECT_EQ(constraint_name(fk->constraint), "a_b_id_fkey");
}

// A long chain of keys pointing to tables later in name order: each table
// waits for the next one, so they are created last to first, and dropped
// first to last.
TEST(Plan, AChainOfForeignKeysIsCreatedReferencedFirstAndDroppedReferencingFirst) {
  model::Schema schema;
  const int n = 300;
  auto name = [](int i) {
    std::string s = std::to_string(i);
    return "t" + std::string(4 - s.size(), '0') + s;
  };
  for (int i = 0; i < n; ++i) {
    auto& t = table(schema, name(i), {column("id", "bigint", false), column("next_id", "bigint")});
    if (i + 1 < n)
      t.foreign_keys[name(i) + "_next_fkey"] = foreign_key(name(i) + "_next_fkey", "next_id", name(i + 1), "id");
  }
  Plan created = plan({}, schema);
  ASSERT_EQ(created.steps.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(std::get<CreateTable>(created.steps[i].change).name.name, name(n - 1 - i));
  Plan dropped = plan(schema, {});
  ASSERT_EQ(dropped.steps.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) EXPECT_EQ(std::get<DropTable>(dropped.steps[i].change).name.name, name(i));
}

TEST(Plan, DroppedTablesGoReferencingFirst) {
  model::Schema current;
  table(current, "parent", {column("id", "bigint", false)});
  table(current, "child", {column("id", "bigint", false), column("parent_id", "bigint")})
      .foreign_keys["child_parent_id_fkey"] = foreign_key("child_parent_id_fkey", "parent_id", "parent", "id");
  Plan p = plan(current, {});
  ASSERT_EQ(p.steps.size(), 2u);
  EXPECT_EQ(std::get<DropTable>(p.steps[0].change).name.name, "child");
  EXPECT_EQ(std::get<DropTable>(p.steps[1].change).name.name, "parent");
  // The drop carries the full definition: its inverse recreates the key.
  EXPECT_EQ(std::get<CreateTable>(p.steps[0].inverse).table.foreign_keys.size(), 1u);
}

TEST(Plan, EnumsComeBeforeTablesThatUseThem) {
  model::Schema desired;
  desired.namespaces["public"].enums["mood"] = {"mood", {"happy", "sad"}, std::nullopt, std::nullopt, {}};
  table(desired, "people", {column("mood", "public.mood")});
  Plan p = plan({}, desired);
  ASSERT_EQ(p.steps.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<CreateEnum>(p.steps[0].change));
  EXPECT_TRUE(std::holds_alternative<CreateTable>(p.steps[1].change));
}

TEST(Plan, ViewsOnAColumnChangingTypeAreDroppedAndRecreatedAroundIt) {
  model::Schema current, desired;
  table(current, "t", {column("id", "integer", false)});
  table(desired, "t", {column("id", "bigint", false)});
  for (auto* s : {&current, &desired}) {
    s->namespaces["public"].views["v"] = {"v", "SELECT id FROM t", false, {}, std::nullopt};
    s->namespaces["public"].views["w"] = {"w", "SELECT count(*) FROM v", false, {}, std::nullopt};
  }
  Plan p = plan(current, desired);
  ASSERT_EQ(p.steps.size(), 5u);
  EXPECT_EQ(std::get<DropView>(p.steps[0].change).name.name, "w");
  EXPECT_EQ(std::get<DropView>(p.steps[1].change).name.name, "v");
  EXPECT_TRUE(std::holds_alternative<AlterColumn>(p.steps[2].change));
  EXPECT_EQ(std::get<CreateView>(p.steps[3].change).name.name, "v");
  EXPECT_EQ(std::get<CreateView>(p.steps[4].change).name.name, "w");
  // Back when the revision commits: no code breaks on them.
  EXPECT_TRUE(p.steps[0].hazards.empty());
  EXPECT_TRUE(p.steps[1].hazards.empty());
}

TEST(Plan, AViewDroppedForGoodBreaksRunningCode) {
  model::Schema current, desired;
  table(current, "t", {column("id", "integer", false)});
  table(desired, "t", {column("id", "integer", false)});
  current.namespaces["public"].views["v"] = {"v", "SELECT id FROM t", false, {}, std::nullopt};
  Plan p = plan(current, desired);
  ASSERT_EQ(p.steps.size(), 1u);
  ASSERT_EQ(p.steps[0].hazards.size(), 1u);
  EXPECT_EQ(p.steps[0].hazards[0].kind, HazardKind::kBreaksRunningCode);
}

TEST(Plan, EnumLabelsAreAddedInPlaceAndRemovalRecreatesTheType) {
  model::Schema current, desired;
  current.namespaces["public"].enums["s"] = {"s", {"a", "c"}, std::nullopt, std::nullopt, {}};
  desired.namespaces["public"].enums["s"] = {"s", {"a", "b", "c"}, std::nullopt, std::nullopt, {}};
  Plan add = plan(current, desired);
  ASSERT_EQ(add.steps.size(), 1u);
  auto label = std::get<AddEnumLabel>(add.steps[0].change);
  EXPECT_EQ(label.label, "b");
  EXPECT_EQ(label.after, std::optional<std::string>("a"));
  EXPECT_EQ(std::get<RecreateEnum>(add.steps[0].inverse).to_labels,
            (std::vector<std::string>{"a", "c"}));

  Plan remove = plan(desired, current);
  ASSERT_EQ(remove.steps.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<RecreateEnum>(remove.steps[0].change));
}

TEST(Plan, PrimaryKeyColumnsCompareAsNotNullWhateverTheModelSays) {
  model::Schema a, b;
  table(a, "t", {column("id", "bigint", false)}).primary_key = model::PrimaryKey{"t_pkey", {"id"}, {}, std::nullopt};
  table(b, "t", {column("id", "bigint", true)}).primary_key = model::PrimaryKey{"t_pkey", {"id"}, {}, std::nullopt};
  EXPECT_TRUE(plan(a, b).empty());
}

TEST(Plan, DroppingAKeyDropsAndRestoresTheForeignKeysOnIt) {
  model::Schema current, desired;
  for (auto* s : {&current, &desired}) {
    table(*s, "child", {column("id", "bigint", false), column("p", "bigint")})
        .foreign_keys["child_p_fkey"] = foreign_key("child_p_fkey", "p", "parent", "id");
  }
  table(current, "parent", {column("id", "bigint", false)}).primary_key =
      model::PrimaryKey{"parent_pkey", {"id"}, {}, std::nullopt};
  table(desired, "parent", {column("id", "bigint", false)}).primary_key =
      model::PrimaryKey{"parent_id_pk", {"id"}, {}, std::nullopt};
  Plan p = plan(current, desired);
  ASSERT_EQ(p.steps.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<DropConstraint>(p.steps[0].change));
  EXPECT_EQ(constraint_name(std::get<DropConstraint>(p.steps[0].change).constraint), "child_p_fkey");
  EXPECT_EQ(constraint_name(std::get<AddConstraint>(p.steps[3].change).constraint), "child_p_fkey");
}

TEST(Plan, SequenceOptionsAtTheirDefaultsAreDefaults) {
  model::Schema a, b;
  a.namespaces["public"].sequences["s"] = {"s", "integer", {}, std::nullopt, std::nullopt};
  model::SequenceOptions explicit_defaults;
  explicit_defaults.start = 1;
  explicit_defaults.increment = 1;
  explicit_defaults.min_value = 1;
  explicit_defaults.max_value = 2147483647;
  explicit_defaults.cache = 1;
  b.namespaces["public"].sequences["s"] = {"s", "integer", explicit_defaults, std::nullopt, std::nullopt};
  EXPECT_TRUE(plan(a, b).empty());
}

}  // namespace
}  // namespace strata::diff

namespace strata::diff {
namespace {

TEST(Plan, RenamedColumnsAreRenamedInsideTheExpressionsThatUseThem) {
  EXPECT_EQ(rename_identifier("lower(mail) <> 'mail' AND \"mail\" IS NOT NULL", "mail", "Email"),
            "lower(\"Email\") <> 'mail' AND \"Email\" IS NOT NULL");
  EXPECT_EQ(rename_identifier("MAIL > 0", "mail", "e"), "e > 0");
  EXPECT_TRUE(mentions_column("x + \"Odd Name\"", "Odd Name"));
  EXPECT_FALSE(mentions_column("'mail' = other", "mail"));

  model::Schema current, desired;
  auto& t = test::table(current, "t", {test::column("mail", "text")});
  t.checks["t_mail_check"] = {"t_mail_check", "length(mail) > 3", false, std::nullopt};
  auto& w = test::table(desired, "t", {test::column("email", "text")});
  w.columns[0].renamed_from = "mail";
  Plan p = plan(current, desired);
  ASSERT_EQ(p.steps.size(), 2u);
  // The check goes after the rename: its definition, put back by down before
  // the rename is undone, must name the column as it is called then.
  auto* drop = std::get_if<DropConstraint>(&p.steps[1].change);
  ASSERT_NE(drop, nullptr);
  EXPECT_EQ(std::get<model::CheckConstraint>(drop->constraint).expression, "length(email) > 3");
}

// A view dropped and created again gets what hung on the catalog's view;
// a view changed in the models keeps the comments of columns it still names.
TEST(Plan, ViewCreatedAgainKeepsGrantsCommentsAndRules) {
  auto with_view = [](const std::string& id_type, const std::string& query) {
    model::Schema s;
    table(s, "users", {column("id", id_type, false), column("name", "text")});
    s.namespaces["public"].views["v"] = {"v", query, false, {}, std::nullopt, {}, {}, {}, {}};
    return s;
  };
  model::Schema catalog = with_view("integer", "SELECT id, name FROM users");
  model::View& v = catalog.namespaces["public"].views["v"];
  v.grants = {{"reader", "SELECT", false}};
  v.column_comments = {{"id", "key"}, {"name", "shown"}};
  v.rules = {"CREATE RULE r AS ON DELETE TO public.v DO INSTEAD NOTHING;"};

  Plan p = plan(catalog, with_view("bigint", "SELECT id, name FROM users"));
  const CreateView* again = nullptr;
  for (const auto& step : p.steps)
    if (auto* c = std::get_if<CreateView>(&step.change)) again = c;
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->view.grants, v.grants);
  EXPECT_EQ(again->view.column_comments, v.column_comments);
  EXPECT_EQ(again->view.rules, v.rules);

  Plan changed = plan(catalog, with_view("integer", "SELECT id FROM users GROUP BY id"));
  again = nullptr;
  for (const auto& step : changed.steps)
    if (auto* c = std::get_if<CreateView>(&step.change)) again = c;
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->view.grants, v.grants);
  EXPECT_EQ(again->view.column_comments, (std::map<std::string, std::string>{{"id", "key"}}));
}

// Adding a label touches no view; its inverse recreates the type around the
// view reading the column.
TEST(Plan, AddedLabelCarriesTheViewsItsInverseMustMove) {
  auto with_labels = [](std::vector<std::string> labels) {
    model::Schema s;
    s.namespaces["public"].enums["mood"] = {"mood", labels, std::nullopt, std::nullopt, {}};
    table(s, "people", {column("id", "bigint", false), column("m", "public.mood")});
    s.namespaces["public"].views["calm"] = {"calm", "SELECT id FROM people WHERE m = 'calm'", false, {}, std::nullopt, {}, {}, {}, {}};
    s.namespaces["public"].views["ids"] = {"ids", "SELECT id FROM people", false, {}, std::nullopt, {}, {}, {}, {}};
    return s;
  };
  Plan p = plan(with_labels({"calm", "sad"}), with_labels({"calm", "happy", "sad"}));
  ASSERT_EQ(p.steps.size(), 1u);
  auto* add = std::get_if<AddEnumLabel>(&p.steps[0].change);
  ASSERT_NE(add, nullptr);
  ASSERT_EQ(add->dependents.views.size(), 1u);
  EXPECT_EQ(add->dependents.views[0].name.name, "calm");
  auto* back = std::get_if<RecreateEnum>(&p.steps[0].inverse);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->dependents, add->dependents);
}

}  // namespace
}  // namespace strata::diff
