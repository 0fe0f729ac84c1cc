#include "codegen/render.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "diff/inverse.h"
#include "sql/parse_result.h"
#include "sql/script.h"

namespace strata::codegen {
namespace {

using namespace diff;

model::Function sample_function() {
  model::Function f;
  f.name = "f";
  f.arguments = {{"", "a", "integer", "1"}, {"OUT", "b", "text", std::nullopt}};
  f.returns = "text";
  f.language = "plpgsql";
  f.body = "BEGIN b := a::text; END";
  f.settings = {{"search_path", "public, pg_temp"}};
  f.comment = "it's";
  return f;
}

model::Aggregate sample_aggregate() {
  model::Aggregate a;
  a.name = "agg";
  a.arguments = {"integer"};
  a.sfunc = "int4pl";
  a.stype = "integer";
  a.initcond = "0";
  return a;
}

model::Trigger sample_trigger() {
  model::Trigger tg;
  tg.name = "trg";
  tg.timing = "after";
  tg.events = {"insert", "update"};
  tg.update_of = {"select"};
  tg.for_each_row = true;
  tg.when = "new.a > 0";
  tg.function = "public.f";
  tg.arguments = {"x'y"};
  tg.enabled = "replica";
  return tg;
}


model::Column col(std::string name, std::string type) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

// One change of every kind, with names that need quoting.
std::vector<Change> every_op() {
  model::CompositeType address{"Address",
                               {{"select", "text", "C"}, {"Zip Code", "character varying(10)", "public.Numeric"}},
                               "it's"};
  model::Collation numeric{"Numeric", "icu", "en-u-kn-true", std::nullopt, std::nullopt, false, "it's"};
  model::Collation split{"Split", "libc", std::nullopt, "C", "en_US.utf8", true, std::nullopt};
  model::TextSearchConfig search{"Search", "public.My Parser", {{"asciiword", {"english_stem"}}, {"word", {"english_stem"}}, {"email", {"simple", "public.My Dict"}}}, "it's"};
  QualifiedName t{"My Schema", "Order"};
  model::Column a = col("select", "integer");
  model::Column stored = col("select", "text");
  stored.statistics = 300;
  stored.storage = "external";
  stored.compression = "lz4";
  model::Column b = col("select", "bigint");
  b.nullable = false;
  b.default_expr = "0";
  model::Domain domain;
  domain.name = "Qty";
  domain.type = "integer";
  domain.nullable = false;
  domain.default_expr = "NOT false";
  domain.collation = std::nullopt;
  domain.checks["Qty positive"] = "VALUE > 0";
  domain.comment = "it's";
  model::Domain plain_domain = domain;
  plain_domain.nullable = true;
  plain_domain.default_expr.reset();
  model::Column ident = col("id", "bigint");
  ident.nullable = false;
  ident.identity = model::Identity{model::IdentityKind::kAlways, {}};
  ident.identity->options.start = 10;
  model::Column gen = col("g", "integer");
  gen.generated = "\"select\" * 2";
  model::Table table;
  table.name = t.name;
  table.columns = {a, ident};
  table.primary_key = model::PrimaryKey{"Order_pkey", {"id"}, {}, std::nullopt};
  table.comment = "it's";
  model::Index ix;
  ix.name = "Order_select_idx";
  model::IndexKey key;
  key.column = "select";
  key.descending = true;
  model::IndexKey expr;
  expr.expression = "lower(\"select\"::text)";
  ix.keys = {key, expr};
  ix.include = {"id"};
  ix.where = "\"select\" > 0";
  model::ForeignKey fk;
  fk.name = "fk";
  fk.columns = {"select"};
  fk.ref_table = {"public", "user"};
  fk.ref_columns = {"id"};
  fk.on_delete = model::ReferentialAction::kSetNull;
  fk.deferral = {true, true};
  model::ForeignKey fk_not_valid = fk;
  fk_not_valid.not_valid = true;
  model::ExclusionConstraint ex;
  ex.name = "ex";
  ex.elements = {{"during", std::nullopt, "&&"}};
  ex.where = "id > 0";
  model::View view{"v", " SELECT 1 AS one;", false, {}, "a view"};
  model::View mat{"m", "SELECT 1 AS one", true, {{"m_one_idx", ix}}, std::nullopt};
  model::Sequence seq{"s", "integer", {}, "Order.id", "seq"};
  seq.options.increment = 2;
  model::Sequence seq2 = seq;
  seq2.options.increment.reset();
  seq2.options.cycle = true;
  seq2.owned_by.reset();
  ColumnDelta all{true, true, true, false, false};
  ColumnDelta identity_delta;
  identity_delta.identity = true;
  model::Column ident2 = ident;
  ident2.identity->kind = model::IdentityKind::kByDefault;
  ident2.identity->options.increment = 5;
  ColumnDelta drop_expr;
  drop_expr.drop_expression = true;
  model::Column plain_gen = gen;
  plain_gen.generated.reset();
  return {
      CreateSchema{"My Schema", "comment"},
      DropSchema{"My Schema", std::nullopt},
      CreateExtension{{"citext", "1.6", "public"}},
      DropExtension{{"citext", std::nullopt, "public"}},
      AlterExtension{"citext", "1.5", "1.6"},
      CreateEnum{{"public", "Mood"}, {"Mood", {"it's", "b"}, "moods", std::nullopt, {}}},
      DropEnum{{"public", "Mood"}, {"Mood", {"a"}, std::nullopt, std::nullopt, {}}},
      RenameEnum{{"public", "Mood"}, "mood"},
      AddEnumLabel{{"public", "mood"}, "c", "b", std::nullopt, {"a", "b"}, {}},
      RenameEnumLabel{{"public", "mood"}, "a", "A"},
      RecreateEnum{{"public", "mood"}, {"a", "b"}, {"b"}, {{t, "m", true, "'{b}'"}}},
      CreateDomain{{"My Schema", "Qty"}, domain},
      DropDomain{{"My Schema", "Qty"}, domain},
      AlterDomain{{"My Schema", "Qty"}, domain, plain_domain, true, true},
      AddDomainCheck{{"My Schema", "Qty"}, "Qty check", "VALUE IS NOT NULL AND VALUE > 0"},
      DropDomainCheck{{"My Schema", "Qty"}, "Qty check", "VALUE > 0"},
      CreateSequence{{"public", "s"}, seq},
      DropSequence{{"public", "s"}, seq},
      RenameSequence{{"public", "s"}, "S2"},
      AlterSequence{{"public", "s"}, seq, seq2},
      CreateTable{t, table},
      DropTable{t, table},
      RenameTable{t, "Orders"},
      SetLogged{t, false},
      SetSequenceLogged{t, "id", {"public", "orders_id_seq"}, false},
      AddInheritance{t, {"public", "base"}},
      DropInheritance{t, {"public", "base"}},
      AddColumn{t, gen},
      DropColumn{t, a},
      RenameColumn{t, "select", "from"},
      AlterColumn{t, a, b, all},
      AlterColumn{t, ident, ident2, identity_delta},
      AlterColumn{t, a, ident, ColumnDelta{false, false, true, true, false}},
      AlterColumn{t, gen, plain_gen, drop_expr},
      RecreateColumn{t, plain_gen, gen},
      AddConstraint{t, fk},
      AddConstraint{t, ex},
      AddConstraint{t, model::UniqueConstraint{"u", {"select", "id"}, true, {true, false}, std::nullopt}},
      DropConstraint{t, model::CheckConstraint{"c", "id > 0", true, std::nullopt}},
      RenameConstraint{t, "c", "d"},
      CreateIndex{t, ix},
      DropIndex{t, ix},
      RenameIndex{{"My Schema", "Order_select_idx"}, "i2"},
      CreateView{{"public", "v"}, view},
      CreateView{{"public", "m"}, mat},
      DropView{{"public", "m"}, mat},
      ReplaceView{{"public", "v"}, view, model::View{"v", "SELECT 1 AS one, 2 AS two", false, {}, std::nullopt}},
      SetComment{CommentTarget::kColumn, t, "select", std::nullopt, "x"},
      SetComment{CommentTarget::kMaterializedView, {"public", "m"}, "", "x", std::nullopt},
      AttachPartition{t, {{"My Schema", "Parent"}, "FOR VALUES FROM (1) TO (10)"}},
      DetachPartition{t, {{"My Schema", "Parent"}, "DEFAULT"}},
      SetStorageParameters{t, {{"fillfactor", "70"}, {"autovacuum_enabled", "off"}},
                           {{"fillfactor", "50"}, {"toast_tuple_target", "128"}}},
      SetReplicaIdentity{t, {}, {model::ReplicaIdentity::Kind::kIndex, "Order_select_idx"}},
      SetColumnStorage{t, a, stored},
      SetColumnStorage{t, stored, a},
      ValidateConstraint{t, model::ForeignKey{fk_not_valid}},
      InvalidateConstraint{t, model::CheckConstraint{"c", "id > 0", false, std::nullopt, true}},
      RefreshMaterializedView{{"public", "m"}, true},
      RefreshMaterializedView{{"public", "m"}, false},
      CreateCompositeType{{"My Schema", "Address"}, address},
      DropCompositeType{{"My Schema", "Address"}, address},
      AddAttribute{{"My Schema", "Address"}, address.attributes[1]},
      DropAttribute{{"My Schema", "Address"}, address.attributes[0]},
      AlterAttribute{{"My Schema", "Address"}, address.attributes[1], {"Zip Code", "bigint", std::nullopt}},
      CreateCollation{{"My Schema", "Numeric"}, numeric},
      DropCollation{{"My Schema", "Numeric"}, split},
      CreateTextSearchConfig{{"My Schema", "Search"}, search},
      DropTextSearchConfig{{"My Schema", "Search"}, search},
      AlterTextSearchMapping{{"My Schema", "Search"}, "asciiword", {"simple"}, {"public.My Dict", "english_stem"}},
      AlterTextSearchMapping{{"My Schema", "Search"}, "word", {}, {"simple"}},
      SetComment{CommentTarget::kCollation, {"My Schema", "Numeric"}, "", std::nullopt, "it's"},
      SetComment{CommentTarget::kTextSearchConfig, {"My Schema", "Search"}, "", "x", std::nullopt},
      CreateFunction{{"public", "f"}, sample_function()},
      DropFunction{{"public", "f"}, sample_function()},
      ReplaceFunction{{"public", "f"}, sample_function(), sample_function()},
      CreateAggregate{{"public", "agg"}, sample_aggregate()},
      DropAggregate{{"public", "agg"}, sample_aggregate()},
      CreateTrigger{t, sample_trigger()},
      DropTrigger{t, sample_trigger()},
      EnableTrigger{t, "trg", "origin", "disabled"},
      SetRowSecurity{t, {}, {true, true}},
      CreatePolicy{t, model::Policy{"Own rows", model::PolicyCommand::kUpdate, false, {"app reader"},
                                    "owner = current_user", "owner = current_user"}},
      DropPolicy{t, model::Policy{"p"}},
      AlterPolicy{t, model::Policy{"p"}, model::Policy{"p", model::PolicyCommand::kAll, true, {"r"}, "id > 0"}},
      SetOwner{{AccessKind::kTable, t, ""}, "old owner", "new owner"},
      AlterPrivileges{{AccessKind::kSequence, t, ""}, "app reader", {{"USAGE", false}}, {{"USAGE", true}, {"SELECT", false}}},
      AlterPrivileges{{AccessKind::kFunction, {"public", "f"}, "integer, text"}, "r", {}, {{"EXECUTE", false}}},
      AlterPrivileges{{AccessKind::kSchema, {"My Schema", ""}, ""}, "r", {{"USAGE", false}}, {}},
  };
}

TEST(Render, EveryOpAndItsInverseRendersStatementsThatParse) {
  std::vector<Change> changes = every_op();
  // Every alternative of the variant is exercised.
  std::set<size_t> kinds;
  for (const auto& c : changes) kinds.insert(c.index());
  EXPECT_EQ(kinds.size(), std::variant_size_v<Change>);
  for (const auto& c : changes) {
    for (const Change& x : {c, inverse(c)}) {
      std::string sql = render_change(x);
      EXPECT_FALSE(sql.empty()) << describe(x);
      sql::SplitResult split = sql::split_script(sql);
      ASSERT_TRUE(split.ok()) << sql << "\n" << split.error->str();
      for (const auto& s : split.statements)
        EXPECT_FALSE(sql::check_syntax(s.text).has_value()) << s.text;
      EXPECT_EQ(describe(x).find('\n'), std::string::npos);
    }
  }
}

TEST(Render, QuotesIdentifiersAndLiterals) {
  EXPECT_EQ(render_change(RenameColumn{{"My Schema", "Order"}, "select", "from"}),
            "ALTER TABLE \"My Schema\".\"Order\" RENAME COLUMN \"select\" TO \"from\";\n");
  EXPECT_EQ(render_change(SetComment{CommentTarget::kTable, {"public", "t"}, "", std::nullopt, "it's"}),
            "COMMENT ON TABLE public.t IS 'it''s';\n");
  EXPECT_EQ(render_change(AddEnumLabel{{"public", "e"}, "x'y", std::nullopt, "a", {"a"}, {}}),
            "ALTER TYPE public.e ADD VALUE 'x''y' AFTER 'a';\n");
}

TEST(Render, AlterColumnOrdersItsStatements) {
  model::Column from = col("n", "text");
  from.default_expr = "'0'";
  model::Column to = col("n", "integer");
  to.default_expr = "0";
  to.nullable = false;
  ColumnDelta d{true, true, true, false, false};
  EXPECT_EQ(render_change(AlterColumn{{"public", "t"}, from, to, d}),
            "ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT;\n"
            "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer;\n"
            "ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 0;\n"
            "ALTER TABLE public.t ALTER COLUMN n SET NOT NULL;\n");
}

TEST(Render, AUsingConversionIsOneExpressionWithoutItsComments) {
  model::Column from = col("n", "text");
  model::Column to = col("n", "integer");
  to.using_expr = "nullif(n, '')::integer -- blank is NULL";
  ColumnDelta d{true, false, false, false, false};
  EXPECT_EQ(render_change(AlterColumn{{"public", "t"}, from, to, d}),
            "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING nullif(n, '')::integer;\n");
  to.using_expr = "n::integer; DROP TABLE x";
  EXPECT_THROW(render_change(AlterColumn{{"public", "t"}, from, to, d}), Error);
}

Plan sample_plan() {
  Plan p;
  model::Column bio = col("bio", "text");
  for (Change c : {Change{AddColumn{{"public", "users"}, col("avatar_url", "text")}},
                   Change{DropColumn{{"public", "users"}, bio}}})
    p.steps.push_back({c, inverse(c), hazards_of(c)});
  return p;
}

TEST(Render, UpDownWarningsAndHeader) {
  Rendered r = render(sample_plan());
  EXPECT_EQ(r.up_body,
            "-- + column public.users.avatar_url text\n"
            "ALTER TABLE public.users ADD COLUMN avatar_url text;\n"
            "\n"
            "-- - column public.users.bio\n"
            "-- WARNING: data loss: drops column public.users.bio\n"
            "ALTER TABLE public.users DROP COLUMN bio;\n");
  EXPECT_EQ(r.down_body,
            "-- + column public.users.bio text\n"
            "-- WARNING: restores the structure only; up lost data: drops column public.users.bio\n"
            "ALTER TABLE public.users ADD COLUMN bio text;\n"
            "\n"
            "-- - column public.users.avatar_url\n"
            "-- WARNING: data loss: drops column public.users.avatar_url\n"
            "ALTER TABLE public.users DROP COLUMN avatar_url;\n");
  EXPECT_EQ(header_body(r),
            "-- changes:\n"
            "--   + column public.users.avatar_url text\n"
            "--   - column public.users.bio\n"
            "-- hazards:\n"
            "--   data-loss: drops column public.users.bio\n"
            "--   breaks-running-code: code still reading or writing public.users.bio (or using "
            "SELECT * into a fixed shape) fails once it is dropped\n");
  EXPECT_EQ(render(sample_plan()), r);
}

TEST(Render, EmptyPlan) {
  Rendered r = render(Plan{});
  EXPECT_EQ(r.up_body, "");
  EXPECT_EQ(r.down_body, "");
  EXPECT_EQ(header_body(r), "-- changes: none\n-- hazards: none\n");
}

TEST(Render, Json) {
  nlohmann::json j = to_json(sample_plan());
  ASSERT_EQ(j["changes"].size(), 2u);
  EXPECT_EQ(j["changes"][0]["op"], "add_column");
  EXPECT_EQ(j["changes"][0]["sql"], "ALTER TABLE public.users ADD COLUMN avatar_url text;\n");
  EXPECT_EQ(j["changes"][0]["inverse_sql"], "ALTER TABLE public.users DROP COLUMN avatar_url;\n");
  EXPECT_EQ(j["changes"][1]["op"], "drop_column");
  EXPECT_EQ(j["changes"][1]["hazards"][0]["kind"], "data-loss");
  EXPECT_EQ(j["changes"][1]["hazards"][1]["kind"], "breaks-running-code");
  EXPECT_EQ(j["hazards"].size(), 2u);
}

}  // namespace
}  // namespace strata::codegen
