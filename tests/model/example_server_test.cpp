// The example application (schema/) against the same schema written by hand
// as DDL (example.sql): PostgreSQL must accept it, and for every table the
// server's column types, nullability and the names it gave unnamed
// constraints and indexes must be what the YAML loader put in the model.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "db/connection.h"
#include "model/type_name.h"
#include "model/yaml_loader.h"
#include "sql/quote.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

std::set<std::string> split_set(const std::string& s) {
  std::set<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (!s.empty() && std::getline(ss, part, '|')) out.insert(part);
  return out;
}

TEST(ExampleSchema, MatchesWhatPostgresBuildsFromTheSameDdl) {
  Schema model = load_directory(strata::testing::source_path("schema"));
  std::ifstream in(std::string(STRATA_MODEL_TEST_DIR) + "/example.sql");
  std::stringstream ddl;
  ddl << in.rdbuf();
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  c.execute(ddl.str());
  c.execute("SET search_path = pg_catalog");
  int tables = 0;
  for (const auto& [ns_name, ns] : model.namespaces) {
    for (const auto& [name, t] : ns.tables) {
      ++tables;
      std::string rel = sql::quote_literal(sql::quote_qualified(ns_name, name)) + "::regclass";
      std::set<std::string> want_cons, want_idx;
      if (t.primary_key) want_cons.insert(t.primary_key->name);
      for (const auto& m : {&t.uniques}) for (const auto& [n, _] : *m) want_cons.insert(n);
      for (const auto& [n, _] : t.checks) want_cons.insert(n);
      for (const auto& [n, _] : t.foreign_keys) want_cons.insert(n);
      for (const auto& [n, _] : t.exclusions) want_cons.insert(n);
      for (const auto& [n, _] : t.indexes) want_idx.insert(n);
      EXPECT_EQ(split_set(c.query_value(
                    "SELECT string_agg(conname, '|') FROM pg_constraint WHERE conrelid = " + rel)),
                want_cons)
          << ns_name << "." << name;
      EXPECT_EQ(split_set(c.query_value(
                    "SELECT string_agg(x.relname, '|') FROM pg_index i JOIN pg_class x ON "
                    "x.oid = i.indexrelid WHERE i.indrelid = " + rel +
                    " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
                    "i.indexrelid AND k.conrelid = i.indrelid)")),
                want_idx)
          << ns_name << "." << name;
      EXPECT_EQ(c.query_value("SELECT obj_description(" + rel + ", 'pg_class')"),
                t.comment.value_or(""))
          << ns_name << "." << name;
      EXPECT_EQ(c.query_value("SELECT relpersistence::text FROM pg_class WHERE oid = " + rel),
                t.unlogged ? "u" : "p")
          << ns_name << "." << name;
      for (const auto& col : t.columns) {
        std::string where = " FROM pg_attribute WHERE attrelid = " + rel +
                            " AND attname = " + sql::quote_literal(col.name);
        EXPECT_EQ(c.query_value("SELECT format_type(atttypid, atttypmod)" + where),
                  serial_base_type(col.type))
            << ns_name << "." << name << "." << col.name;
        EXPECT_EQ(c.query_value("SELECT attnotnull::text" + where), col.nullable ? "false" : "true")
            << ns_name << "." << name << "." << col.name;
        EXPECT_EQ(c.query_value("SELECT col_description(attrelid, attnum)" + where),
                  col.comment.value_or(""))
            << ns_name << "." << name << "." << col.name;
        EXPECT_EQ(c.query_value("SELECT attidentity::text" + where),
                  !col.identity ? ""
                  : col.identity->kind == IdentityKind::kAlways ? "a" : "d")
            << ns_name << "." << name << "." << col.name;
      }
    }
  }
  EXPECT_EQ(tables, 10);
}

}  // namespace
}  // namespace strata::model
