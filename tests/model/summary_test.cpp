#include "model/summary.h"

#include <gtest/gtest.h>

#include "model/yaml_loader.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

TEST(Summary, CountsEveryKind) {
  Schema s = load_sources({{"a.yaml", R"yaml(
extensions: [citext]
enums: {e: [x]}
sequences: {s: bigint}
tables:
  a:
    columns:
      id: {type: int, primary_key: true}
      b: {type: int, unique: true, check: "b > 0", references: a.id}
      r: tstzrange
    exclusions: [{elements: [{column: r, with: "&&"}]}]
    indexes: [{columns: [b]}]
views:
  v: SELECT 1 AS one
  m: {query: SELECT 1 AS one, materialized: true, indexes: [{columns: [one]}]}
)yaml"},
                           {"b.yaml", "schema: other\n"}});
  Summary got = summarize(s);
  Summary want;
  want.schemas = 2;
  want.extensions = 1;
  want.tables = 1;
  want.columns = 3;
  want.indexes = 2;
  want.primary_keys = 1;
  want.unique_constraints = 1;
  want.check_constraints = 1;
  want.foreign_keys = 1;
  want.exclusion_constraints = 1;
  want.enums = 1;
  want.sequences = 1;
  want.views = 1;
  want.materialized_views = 1;
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.constraints(), 5);
  EXPECT_EQ(got.str(),
            "2 schemas, 1 table, 3 columns, 2 indexes, 5 constraints (1 primary key, 1 unique, "
            "1 check, 1 foreign key, 1 exclusion), 1 enum, 1 sequence, 1 view, "
            "1 materialized view, 1 extension");
}

TEST(Summary, ExampleUsesEveryConstruct) {
  Summary s = summarize(load_directory(strata::testing::source_path("schema")));
  EXPECT_EQ(s.schemas, 2);
  EXPECT_GE(s.tables, 6);
  EXPECT_GT(s.indexes, 0);
  EXPECT_GT(s.primary_keys, 0);
  EXPECT_GT(s.unique_constraints, 0);
  EXPECT_GT(s.check_constraints, 0);
  EXPECT_GT(s.foreign_keys, 0);
  EXPECT_GT(s.exclusion_constraints, 0);
  EXPECT_GT(s.enums, 0);
  EXPECT_GT(s.sequences, 0);
  EXPECT_GT(s.views, 0);
  EXPECT_GT(s.materialized_views, 0);
  EXPECT_GT(s.extensions, 0);
}

TEST(Summary, CountsTypesCollationsAndConfigurationsWhenThereAreAny) {
  Schema s = load_sources({{"a.yaml", R"yaml(
composite_types:
  address: {attributes: {street: text, zip: text}}
  point3: {attributes: {x: float8}}
collations:
  numeric: {provider: icu, locale: en-u-kn-true}
text_search_configurations:
  search: {parser: default, mappings: {asciiword: [english_stem]}}
)yaml"}});
  Summary got = summarize(s);
  EXPECT_EQ(got.composite_types, 2);
  EXPECT_EQ(got.collations, 1);
  EXPECT_EQ(got.text_search_configurations, 1);
  EXPECT_EQ(got.str(),
            "1 schema, 0 tables, 0 columns, 0 indexes, 0 constraints (0 primary key, 0 unique, "
            "0 check, 0 foreign key, 0 exclusion), 0 enums, 0 sequences, 0 views, "
            "0 materialized views, 0 extensions, 2 composite types, 1 collation, "
            "1 text search configuration");
}

}  // namespace
}  // namespace strata::model
