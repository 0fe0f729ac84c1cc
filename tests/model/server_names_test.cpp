// Checks the model's conventions against what PostgreSQL itself does:
// format_type() spellings, and the names it gives unnamed constraints,
// indexes and sequences (including its truncation of long names).

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "db/connection.h"
#include "model/default_names.h"
#include "model/type_name.h"
#include "model/yaml_loader.h"
#include "sql/quote.h"
#include "support/test_database.h"

namespace strata::model {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, sep)) out.push_back(part);
  return out;
}

// Spellings a user may write, as column types (serials map to their integer).
const std::vector<std::string> kSpellings = {
    "int", "int4", "integer", "INTEGER", "int2", "smallint", "int8", "bigint", "smallserial",
    "serial2", "serial", "serial4", "bigserial", "serial8", "real", "float4", "float8",
    "double precision", "float", "float(1)", "float(24)", "float(25)", "float(53)", "decimal",
    "numeric", "numeric(10,2)", "numeric(10)", "decimal(8, 3)", "dec(5)", "bool", "boolean",
    "char", "character", "char(5)", "character(5)", "bpchar(4)", "varchar", "varchar(20)",
    "character varying(30)", "char varying(7)", "text", "bytea", "date", "time", "time(3)",
    "time without time zone", "timetz", "timetz(2)", "time(2) with time zone", "timestamp",
    "timestamp(0) without time zone", "timestamptz", "timestamptz(6)",
    "timestamp with time zone", "timestamp(3) with time zone", "interval", "interval(3)",
    "interval year to month", "interval day to second(3)", "interval second(2)",
    "interval hour", "interval minute to second", "uuid", "json", "jsonb", "inet", "cidr",
    "macaddr", "macaddr8", "money", "bit", "bit(4)", "varbit", "varbit(5)", "bit varying",
    "bit varying(5)", "tsvector", "tsquery", "xml", "oid", "\"char\"", "tstzrange", "int[]",
    "integer[][]", "int[3]", "integer array", "_int4", "_varchar", "varchar(10)[]",
    "timestamptz[]", "numeric(5)[3]", "\"char\"[]", "_char", "\"int4\"", "\"timestamp\"",
    "pg_catalog.int8", "pg_catalog.varchar(12)", "mood", "app.mood[]", "\"UserRole\"",
    "\"UserRole\"[]", "app.\"Odd Name\""};

TEST(ServerTypes, FormatTypePrintsTheCanonicalSpelling) {
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  c.execute("CREATE SCHEMA app; CREATE TYPE public.mood AS ENUM ('a');"
            "CREATE TYPE app.mood AS ENUM ('b'); CREATE TYPE public.\"UserRole\" AS ENUM ('c');"
            "CREATE TYPE app.\"Odd Name\" AS ENUM ('d')");
  std::string ddl = "CREATE TABLE t (";
  for (size_t i = 0; i < kSpellings.size(); ++i)
    ddl += (i ? ", c" : "c") + std::to_string(i) + " " + kSpellings[i];
  c.execute(ddl + ")");
  // With only pg_catalog on the path, every user type comes out qualified.
  c.execute("SET search_path = pg_catalog");
  std::vector<std::string> printed = split(
      c.query_value("SELECT string_agg(format_type(atttypid, atttypmod), '|' ORDER BY attnum) "
                    "FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0"),
      '|');
  ASSERT_EQ(printed.size(), kSpellings.size());
  for (size_t i = 0; i < kSpellings.size(); ++i) {
    TypeName t = canonical_type(kSpellings[i], "public");
    ASSERT_TRUE(t.ok()) << kSpellings[i] << ": " << t.error;
    EXPECT_EQ(serial_base_type(t.canonical), printed[i]) << kSpellings[i];
  }
}

// Names of a table's constraints and of its indexes that back no constraint,
// sorted, as the server has them.
struct ServerNames {
  std::vector<std::string> constraints;
  std::vector<std::string> indexes;
};

ServerNames server_names(db::Connection& c, const std::string& table) {
  std::string lit = sql::quote_literal(sql::quote_qualified("public", table));
  ServerNames out;
  out.constraints = split(c.query_value("SELECT string_agg(conname, '|' ORDER BY conname) FROM "
                                        "pg_constraint WHERE conrelid = " + lit + "::regclass"),
                          '|');
  out.indexes = split(
      c.query_value("SELECT string_agg(x.relname, '|' ORDER BY x.relname) FROM pg_index i "
                    "JOIN pg_class x ON x.oid = i.indexrelid WHERE i.indrelid = " + lit +
                    "::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                    "WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)"),
      '|');
  return out;
}

ServerNames model_names(const Table& t) {
  std::set<std::string> cons, idx;
  if (t.primary_key) cons.insert(t.primary_key->name);
  for (const auto& [n, _] : t.uniques) cons.insert(n);
  for (const auto& [n, _] : t.checks) cons.insert(n);
  for (const auto& [n, _] : t.foreign_keys) cons.insert(n);
  for (const auto& [n, _] : t.exclusions) cons.insert(n);
  for (const auto& [n, _] : t.indexes) idx.insert(n);
  // string_agg ORDER BY uses the database collation; compare as sets.
  return {{cons.begin(), cons.end()}, {idx.begin(), idx.end()}};
}

void expect_same_names(db::Connection& c, const Schema& model, const std::string& table) {
  ServerNames got = server_names(c, table);
  ServerNames want = model_names(*model.find_table({"public", table}));
  std::set<std::string> gc(got.constraints.begin(), got.constraints.end());
  std::set<std::string> gi(got.indexes.begin(), got.indexes.end());
  EXPECT_EQ(gc, std::set<std::string>(want.constraints.begin(), want.constraints.end())) << table;
  EXPECT_EQ(gi, std::set<std::string>(want.indexes.begin(), want.indexes.end())) << table;
}

TEST(ServerNames, UnnamedConstraintsAndIndexes) {
  Schema model = load_string(R"yaml(
tables:
  parent:
    columns:
      id: {type: int, primary_key: true}
      code: {type: text, unique: true}
  child:
    columns:
      id: serial
      parent_id: {type: int, references: parent.id}
      a: {type: int, check: "a > 0 AND a < 100"}
      b: {type: int, check: "b > a"}
      c: {type: int, check: "true"}
      r: tstzrange
      note: text
    primary_key: [id]
    unique: [[a, b], [note, a, b]]
    foreign_keys: [{columns: [note], references: {table: parent, columns: [code]}}]
    exclusions:
      - {elements: [{column: r, with: "&&"}]}
      - {elements: [{expression: "tstzrange(lower(r), upper(r))", with: "&&"}], include: [note]}
    indexes:
      - {columns: [note]}
      - {expressions: ["lower(note)"]}
      - {expressions: ["upper(note)", "upper(note)"]}
      - {columns: [a], include: [note, b]}
      - {expressions: ["a + b"]}
      - {columns: [b], unique: true}
      - {expressions: ["(note)::varchar", "coalesce(a, b)"], where: "a > 1"}
)yaml");
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  c.execute(R"sql(
CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE child (
  id serial, parent_id int REFERENCES parent (id),
  a int CHECK (a > 0 AND a < 100), b int CHECK (b > a), c int CHECK (true),
  r tstzrange, note text,
  PRIMARY KEY (id), UNIQUE (a, b), UNIQUE (note, a, b),
  FOREIGN KEY (note) REFERENCES parent (code),
  EXCLUDE USING gist (r WITH &&),
  EXCLUDE USING gist (tstzrange(lower(r), upper(r)) WITH &&) INCLUDE (note));
CREATE INDEX ON child (note);
CREATE INDEX ON child (lower(note));
CREATE INDEX ON child (upper(note), upper(note));
CREATE INDEX ON child (a) INCLUDE (note, b);
CREATE INDEX ON child ((a + b));
CREATE UNIQUE INDEX ON child (b);
CREATE INDEX ON child (((note)::varchar), coalesce(a, b)) WHERE a > 1;
)sql");
  expect_same_names(c, model, "parent");
  expect_same_names(c, model, "child");
  EXPECT_EQ(c.query_value("SELECT pg_get_serial_sequence('child', 'id')"),
            "public." + sequence_name("child", "id"));
}

// Builds DDL and YAML for one table whose name and columns are long, so every
// default name needs truncating; the server and the model must agree.
void check_long_names(const std::string& table, const std::string& col_a,
                      const std::string& col_b) {
  using sql::quote_ident;
  auto yq = [](const std::string& s) { return "\"" + s + "\""; };
  auto ysq = [](const std::string& s) { return "'" + s + "'"; };
  std::string yaml = "tables:\n  " + yq(table) + ":\n    columns:\n" +
                     "      id: {type: serial, primary_key: true}\n" +
                     "      " + yq(col_a) + ": {type: int, unique: true, check: " +
                     ysq(quote_ident(col_a) + " > 0") + ", references: " +
                     yq(table + ".id") + "}\n" +
                     "      " + yq(col_b) + ": {type: int}\n" +
                     "    unique: [[" + yq(col_a) + ", " + yq(col_b) + "]]\n" +
                     "    indexes:\n      - {columns: [" + yq(col_b) + ", " + yq(col_a) + "]}\n" +
                     "      - {columns: [" + yq(col_b) + "]}\n";
  Schema model = load_string(yaml);
  strata::testing::TestDatabase db;
  db::Connection c(db.url());
  std::string t = quote_ident(table), a = quote_ident(col_a), b = quote_ident(col_b);
  c.execute("CREATE TABLE " + t + " (id serial PRIMARY KEY, " + a + " int UNIQUE CHECK (" + a +
            " > 0) REFERENCES " + t + " (id), " + b + " int, UNIQUE (" + a + ", " + b + "));" +
            "CREATE INDEX ON " + t + " (" + b + ", " + a + ");" + "CREATE INDEX ON " + t + " (" +
            b + ")");
  expect_same_names(c, model, table);
  EXPECT_EQ(c.query_value("SELECT pg_get_serial_sequence(" +
                          sql::quote_literal(sql::quote_qualified("public", table)) + ", 'id')"),
            sql::quote_qualified("public", sequence_name(table, "id")));
}

TEST(ServerNames, LongAsciiNamesAreTruncatedLikePostgres) {
  check_long_names(std::string(63, 't'), std::string(63, 'a'), std::string(20, 'b'));
  check_long_names(std::string(30, 't'), std::string(50, 'a'), std::string(50, 'b'));
  check_long_names(std::string(10, 't'), std::string(63, 'a'), std::string(5, 'b'));
}

TEST(ServerNames, LongMultibyteNamesAreCutOnCharacterBoundaries) {
  std::string e, s, k;
  for (int i = 0; i < 31; ++i) e += "\xC3\xA9";    // é: 62 bytes
  for (int i = 0; i < 21; ++i) s += "\xE2\x82\xAC";  // €: 63 bytes
  for (int i = 0; i < 15; ++i) k += "\xF0\x9F\x98\x80";  // 😀: 60 bytes
  check_long_names("x" + e, s, "b");
  check_long_names(k, "a" + e, s);
}

}  // namespace
}  // namespace strata::model
