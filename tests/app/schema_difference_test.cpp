#include "app/schema_difference.h"

#include <gtest/gtest.h>

#include "app/results.h"
#include "model/yaml_loader.h"

namespace strata::app {
namespace {

model::Schema load(const std::string& yaml) { return model::load_string(yaml, "m.yaml"); }

TEST(FirstDifference, EqualModelsHaveNone) {
  auto a = load("tables:\n  t:\n    columns:\n      id: integer\n");
  EXPECT_EQ(first_difference(a, a), "");
}

TEST(FirstDifference, NamesTheTableAndColumn) {
  auto a = load("tables:\n  t:\n    columns:\n      id: integer\n      x: text\n");
  auto b = load("tables:\n  t:\n    columns:\n      id: integer\n      x: bigint\n");
  EXPECT_EQ(first_difference(a, b),
            "table public.t: column x differs: first `x text`, second `x bigint`");
  auto c = load("tables:\n  t:\n    columns:\n      id: integer\n");
  EXPECT_EQ(first_difference(a, c), "table public.t: column x is only in the first");
}

TEST(FirstDifference, IgnoresColumnOrderAsPostgresDoes) {
  // A down that re-adds a dropped middle column puts it last.
  auto a = load("tables:\n  t:\n    columns:\n      a: integer\n      b: text\n      c: text\n");
  auto b = load("tables:\n  t:\n    columns:\n      a: integer\n      c: text\n      b: text\n");
  EXPECT_EQ(first_difference(a, b), "");
  auto c = load("tables:\n  t:\n    columns:\n      a: integer\n      c: text\n      b: bigint\n");
  EXPECT_EQ(first_difference(a, c), "table public.t: column b differs: first `b text`, second `b bigint`");
}

TEST(FirstDifference, IgnoresAttributeOrderAndNamesTheNewKinds) {
  auto a = load("composite_types:\n  ct:\n    attributes:\n      a: integer\n      b: text\n");
  auto b = load("composite_types:\n  ct:\n    attributes:\n      b: text\n      a: integer\n");
  EXPECT_EQ(first_difference(a, b), "");
  auto c = load("composite_types:\n  ct:\n    attributes:\n      b: text\n      a: bigint\n");
  EXPECT_EQ(first_difference(a, c),
            "composite type public.ct differs: first `CREATE TYPE public.ct AS (a integer, b text)`, second "
            "`CREATE TYPE public.ct AS (a bigint, b text)`");
  auto k = load("collations:\n  k: {provider: icu, locale: en}\n");
  auto l = load("collations:\n  k: {provider: icu, locale: de}\n");
  EXPECT_EQ(first_difference(k, l),
            "collation public.k differs: first `CREATE COLLATION public.k (provider = icu, locale = 'en')`, "
            "second `CREATE COLLATION public.k (provider = icu, locale = 'de')`");
  auto t = load("text_search_configurations:\n  s: {mappings: {word: simple}}\n");
  EXPECT_EQ(first_difference(t, a), "composite type public.ct is only in the second");
}

// Domains and text search configurations are shown as codegen writes them:
// names quoted where SQL needs it (a dictionary "Stems"; the parser
// "default", a keyword, found in pg_catalog).
TEST(FirstDifference, ShowsDomainsAndTextSearchConfigurationsAsTheirSql) {
  auto d = load("domains:\n  posint: {type: integer, nullable: false, checks: {posint_check: \"VALUE > 0\"}}\n");
  auto e = load("domains:\n  posint: {type: bigint, nullable: false, checks: {posint_check: \"VALUE > 0\"}}\n");
  EXPECT_EQ(first_difference(d, e),
            "domain public.posint differs: first `CREATE DOMAIN public.posint AS integer NOT NULL CONSTRAINT "
            "posint_check CHECK (VALUE > 0)`, second `CREATE DOMAIN public.posint AS bigint NOT NULL CONSTRAINT "
            "posint_check CHECK (VALUE > 0)`");
  auto s = load("text_search_configurations:\n  s: {parser: pg_catalog.default, mappings: {word: public.Stems}}\n");
  auto t = load("text_search_configurations:\n  s: {parser: pg_catalog.default, mappings: {word: simple}}\n");
  EXPECT_EQ(first_difference(s, t),
            "text search configuration public.s differs: first `CREATE TEXT SEARCH CONFIGURATION public.s (PARSER = "
            "\"default\"); ALTER TEXT SEARCH CONFIGURATION public.s ADD MAPPING FOR word WITH "
            "public.\"Stems\"`, second `CREATE TEXT SEARCH CONFIGURATION public.s (PARSER = \"default\"); "
            "ALTER TEXT SEARCH CONFIGURATION public.s ADD MAPPING FOR word WITH simple`");
}

TEST(FirstDifference, ShowsBothDefinitions) {
  auto a = load("enums:\n  mood: [sad, happy]\n");
  auto b = load("enums:\n  mood: [sad, happy, ok]\n");
  EXPECT_EQ(first_difference(a, b),
            "enum public.mood differs: first `('sad', 'happy')`, second `('sad', 'happy', 'ok')`");
  auto i = load("tables:\n  t:\n    columns:\n      id: integer\n    indexes:\n      t_id_idx: {columns: [id]}\n");
  auto j = load("tables:\n  t:\n    columns:\n      id: integer\n    indexes:\n      t_id_idx: {columns: [id], unique: true}\n");
  EXPECT_EQ(first_difference(i, j),
            "table public.t: index t_id_idx differs: first `CREATE INDEX t_id_idx USING btree (id)`, "
            "second `CREATE UNIQUE INDEX t_id_idx USING btree (id)`");
}

TEST(FirstDifference, NamesMissingTablesEnumsAndIndexes) {
  auto a = load("tables:\n  t:\n    columns:\n      id: integer\n");
  auto b = load("tables:\n  t:\n    columns:\n      id: integer\n  u:\n    columns:\n      id: integer\n");
  EXPECT_EQ(first_difference(a, b), "table public.u is only in the second");
  auto e = load("enums:\n  mood: [sad, happy]\ntables:\n  t:\n    columns:\n      id: integer\n");
  EXPECT_EQ(first_difference(e, a), "enum public.mood is only in the first");
  auto i = load("tables:\n  t:\n    columns:\n      id: integer\n    indexes:\n      t_id_idx: {columns: [id]}\n");
  EXPECT_EQ(first_difference(a, i), "table public.t: index t_id_idx is only in the second");
}

TEST(InspectResult, UnmanagedLine) {
  InspectResult r;
  EXPECT_EQ(r.unmanaged_line(), "");
  r.unmanaged = {{"functions", {"public.a()", "public.b(integer)", "s.c()"}},
                 {"triggers", {"public.t.x", "public.t.y"}}};
  EXPECT_EQ(r.unmanaged_line(), "not managed: 3 functions, 2 triggers");
  EXPECT_EQ(unmanaged_lines(r.unmanaged),
            (std::vector<std::string>{"3 functions: public.a(), public.b(integer), s.c()",
                                      "2 triggers: public.t.x, public.t.y"}));
  EXPECT_EQ(unmanaged_lines({{"domains", {"public.posint"}}}),
            std::vector<std::string>{"1 domain: public.posint"});
}

TEST(InspectResult, CountOfSingularizesTheHeadNoun) {
  EXPECT_EQ(count_of(1, "functions"), "1 function");
  EXPECT_EQ(count_of(2, "functions"), "2 functions");
  EXPECT_EQ(count_of(1, "policies"), "1 policy");
  EXPECT_EQ(count_of(1, "inheritance children"), "1 inheritance child");
  EXPECT_EQ(count_of(1, "tables with row level security"), "1 table with row level security");
  EXPECT_EQ(count_of(1, "comments on constraints"), "1 comment on constraints");
  EXPECT_EQ(count_of(1, "text search configurations"), "1 text search configuration");
  EXPECT_EQ(count_of(1, "triggers of foreign tables"), "1 trigger of foreign tables");
  EXPECT_EQ(count_of(1, "C and internal functions"), "1 C and internal function");
}

}  // namespace
}  // namespace strata::app
