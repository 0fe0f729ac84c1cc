// The contract between the YAML loader and introspection: the example
// application, built in PostgreSQL from example.sql and read back by
// introspect::inspect, must equal the model loaded from schema/ in every
// respect but the spelling of SQL expressions (which the differ compares by
// meaning) and the extension versions (the YAML leaves them open). And a
// model read from the catalog must survive save -> load unchanged.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "db/connection.h"
#include "introspect/inspector.h"
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

}  // namespace
}  // namespace strata::model
