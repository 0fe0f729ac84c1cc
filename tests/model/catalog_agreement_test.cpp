// The contract between the YAML loader and introspection: the example
// application, built in PostgreSQL from example.sql and read back by
// introspect::inspect, must equal the model loaded from schema/ in every
// respect but the spelling of SQL expressions (which the differ compares by
// meaning) and the extension versions (the YAML leaves them open). And a
// model read from the catalog must survive save -> load unchanged.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <fstream>
#include <sstream>

#include "db/connection.h"
#include "introspect/inspector.h"
#include "model/default_opclass.h"
#include "model/hints.h"
#include "model/yaml_loader.h"
#include "model/yaml_writer.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

// Blanks what the two sides may spell differently.
Schema without_expressions(Schema s) {
  for (auto& [_, e] : s.extensions) e.version.reset();
  for (auto& [_, ns] : s.namespaces) {
    for (auto& [_, v] : ns.views) v.query.clear();
    for (auto& [_, v] : ns.views)
      for (auto& [_, ix] : v.indexes) ix.where.reset();
    for (auto& [_, t] : ns.tables) {
      for (auto& c : t.columns) {
        if (c.default_expr) c.default_expr = "?";
        if (c.generated) c.generated = "?";
      }
      for (auto& [_, c] : t.checks) c.expression.clear();
      for (auto& [_, x] : t.exclusions) {
        if (x.where) x.where = "?";
        for (auto& el : x.elements)
          if (!el.expression.empty() && el.expression[0] == '(') el.expression = "(?)";
      }
      for (auto& [_, ix] : t.indexes) {
        if (ix.where) ix.where = "?";
        for (auto& k : ix.keys)
          if (k.expression) k.expression = "?";
      }
    }
  }
  return s;
}

std::vector<SourceFile> as_sources(const std::map<std::filesystem::path, std::string>& files) {
  std::vector<SourceFile> out;
  for (const auto& [p, text] : files) out.push_back({p.generic_string(), text});
  return out;
}

TEST(CatalogAgreement, ExampleReadBackFromPostgresEqualsTheYamlModel) {
  Schema yaml = strip_hints(load_directory(strata::testing::source_path("schema")));
  std::ifstream in(std::string(STRATA_MODEL_TEST_DIR) + "/example.sql");
  std::stringstream ddl;
  ddl << in.rdbuf();
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  c.execute(ddl.str());
  introspect::Options options;
  options.schemas = {"public", "billing"};
  Schema catalog = introspect::inspect(c, options).schema;

  Schema a = without_expressions(catalog), b = without_expressions(yaml);
  for (const auto& [name, ns] : b.namespaces) {
    ASSERT_EQ(a.namespaces.count(name), 1u) << name;
    const Namespace& got = a.namespaces.at(name);
    EXPECT_EQ(got.comment, ns.comment) << name;
    EXPECT_EQ(got.enums, ns.enums) << name;
    EXPECT_EQ(got.sequences, ns.sequences) << name;
    EXPECT_EQ(got.views, ns.views) << name;
    for (const auto& [tn, t] : ns.tables) {
      ASSERT_EQ(got.tables.count(tn), 1u) << name << "." << tn;
      const Table& g = got.tables.at(tn);
      EXPECT_EQ(g.columns, t.columns) << name << "." << tn;
      EXPECT_EQ(g.primary_key, t.primary_key) << name << "." << tn;
      EXPECT_EQ(g.uniques, t.uniques) << name << "." << tn;
      EXPECT_EQ(g.checks, t.checks) << name << "." << tn;
      EXPECT_EQ(g.foreign_keys, t.foreign_keys) << name << "." << tn;
      EXPECT_EQ(g.exclusions, t.exclusions) << name << "." << tn;
      EXPECT_EQ(g.indexes, t.indexes) << name << "." << tn;
      EXPECT_EQ(g, t) << name << "." << tn;
    }
  }
  EXPECT_EQ(a, b);

  // What inspect would write reads back as the same catalog model.
  for (bool split : {false, true}) {
    auto files = save_files(catalog, split);
    EXPECT_EQ(load_sources(as_sources(files)), catalog) << "split=" << split;
  }
}

// Index key options written though they are PostgreSQL's defaults load as
// the catalog reports them: not at all.
TEST(CatalogAgreement, DefaultIndexKeyOptionsMatchTheCatalog) {
  const char* yaml = R"yaml(
enums: {mood: [a]}
tables:
  t:
    columns:
      a: text
      b: "varchar(10)"
      c: {type: text, collation: "C"}
      d: int
      e: mood
      f: "int[]"
      g: {type: text, collation: default}
      h: jsonb
      i: cidr
      n: name
      r: tstzrange
    exclusions:
      t_r_excl: {using: gist, elements: [{column: r, with: "&&", opclass: range_ops}]}
    indexes:
      t_i1: {keys: [{column: a, opclass: text_ops, collation: default}]}
      t_i2: {keys: [{column: b, opclass: text_ops}]}
      t_i3: {keys: [{column: c, collation: "C"}, {column: c, collation: default}]}
      t_i4: {keys: [{column: d, opclass: int4_ops}, {column: e, opclass: enum_ops}, {column: i, opclass: inet_ops}]}
      t_i5: {using: gin, keys: [{column: f, opclass: array_ops}, {column: h, opclass: jsonb_ops}]}
      t_i6: {keys: [{column: a, opclass: text_pattern_ops, collation: "C"}, {column: b, opclass: varchar_ops}]}
      t_i7: {keys: [{column: g, collation: default}, {column: n, collation: "C"}, {column: d, order: desc, nulls: first}]}
      t_i8: {using: hash, keys: [{column: a, opclass: text_ops}]}
      t_i9: {using: brin, keys: [{column: d, opclass: int4_minmax_ops}]}
)yaml";
  const char* ddl = R"sql(
CREATE TYPE mood AS ENUM ('a');
CREATE TABLE t (a text, b varchar(10), c text COLLATE "C", d int, e mood, f int[],
                g text COLLATE "default", h jsonb, i cidr, n name, r tstzrange,
                CONSTRAINT t_r_excl EXCLUDE USING gist (r range_ops WITH &&));
CREATE INDEX t_i1 ON t (a COLLATE "default" text_ops);
CREATE INDEX t_i2 ON t (b text_ops);
CREATE INDEX t_i3 ON t (c COLLATE "C", c COLLATE "default");
CREATE INDEX t_i4 ON t (d int4_ops, e enum_ops, i inet_ops);
CREATE INDEX t_i5 ON t USING gin (f array_ops, h jsonb_ops);
CREATE INDEX t_i6 ON t (a COLLATE "C" text_pattern_ops, b varchar_ops);
CREATE INDEX t_i7 ON t (g COLLATE "default", n COLLATE "C", d DESC NULLS FIRST);
CREATE INDEX t_i8 ON t USING hash (a text_ops);
CREATE INDEX t_i9 ON t USING brin (d int4_minmax_ops);
)sql";
  Schema model = load_string(yaml);
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  c.execute(ddl);
  introspect::Options options;
  options.schemas = {"public"};
  Schema catalog = introspect::inspect(c, options).schema;
  const Table* got = catalog.find_table({"public", "t"});
  const Table* want = model.find_table({"public", "t"});
  ASSERT_NE(got, nullptr);
  ASSERT_NE(want, nullptr);
  EXPECT_EQ(got->columns, want->columns);
  EXPECT_EQ(got->exclusions, want->exclusions);
  for (const auto& [name, ix] : want->indexes) {
    ASSERT_EQ(got->indexes.count(name), 1u) << name;
    EXPECT_EQ(got->indexes.at(name), ix) << name;
  }
  EXPECT_EQ(got->indexes.size(), want->indexes.size());
  // The non-default options survive on both sides.
  EXPECT_EQ(want->indexes.at("t_i6").keys[0].opclass, std::optional<std::string>("text_pattern_ops"));
}

// default_opclass agrees with pg_opclass for every built-in default it knows.
TEST(CatalogAgreement, DefaultOpclassTableMatchesPgOpclass) {
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  soci::rowset<soci::row> rows = c.session().prepare << R"sql(
SELECT am.amname::text, pg_catalog.format_type(opc.opcintype, NULL), opc.opcname::text
FROM pg_catalog.pg_opclass opc
JOIN pg_catalog.pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcdefault AND opc.opcnamespace = 'pg_catalog'::pg_catalog.regnamespace
)sql";
  int known = 0;
  for (const soci::row& r : rows) {
    std::string method = r.get<std::string>(0), type = r.get<std::string>(1);
    auto opclass = default_opclass(method, type, type == "anyenum");
    if (!opclass) continue;
    ++known;
    EXPECT_EQ(*opclass, r.get<std::string>(2)) << method << " " << type;
  }
  // Every entry of the table was met (a renamed or removed opclass would
  // leave one unmatched).
  EXPECT_EQ(known, 106);
}

}  // namespace
}  // namespace strata::model
