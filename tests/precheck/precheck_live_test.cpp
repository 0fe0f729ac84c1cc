// Each kind of pre-check on a live server: the models change what a table
// holds rows for; on rows that fail, the check counts and names them and
// the applier refuses the revision before changing anything; once the rows
// are fixed, the check passes and the revision applies.
#include <gtest/gtest.h>

#include "apply/applier.h"
#include "apply/precheck_runner.h"
#include "codegen/render.h"
#include "db/connection.h"
#include "diff/plan.h"
#include "introspect/inspector.h"
#include "introspect/server_oracle.h"
#include "model/yaml_loader.h"
#include "precheck/precheck.h"
#include "support/test_database.h"

namespace strata::precheck {
namespace {

struct Case {
  std::string name;
  std::string setup;    // tables and the rows that fail
  std::string desired;  // the models
  std::string kind;     // of the one check found
  long long failing = 0;
  std::vector<std::string> samples;
  std::string fix;      // makes every row pass
};

std::vector<Case> cases() {
  return {
      {"not_null",
       "CREATE TABLE t (id int PRIMARY KEY, email text);"
       "INSERT INTO t VALUES (1, NULL), (2, 'a'), (3, NULL);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      email: {type: text, nullable: false}\n",
       "not-null", 2, {"(id)=(1)", "(id)=(3)"}, "UPDATE t SET email = 'x' WHERE email IS NULL"},
      {"not_null_column_without_default",
       "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (2), (1);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      code: {type: text, nullable: false}\n",
       "has-rows", 2, {"(id)=(1)", "(id)=(2)"}, "DELETE FROM t"},
      {"unique",
       "CREATE TABLE t (id int PRIMARY KEY, email text);"
       "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, NULL), (5, NULL);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      email: {type: text, unique: true}\n",
       "unique", 2, {"(id)=(1) (email)=(a)", "(id)=(3) (email)=(a)"}, "UPDATE t SET email = 'c' WHERE id = 3"},
      {"primary_key",
       // NOT NULL already: a NULL would add a not-null check besides this one.
       "CREATE TABLE t (code text NOT NULL, n int);"
       "INSERT INTO t VALUES ('a', 1), ('b', 2), ('a', 3);",
       "tables:\n  t:\n    columns:\n      code: {type: text, primary_key: true}\n      n: integer\n",
       "primary-key", 2, {"ctid (0,1) (code)=(a)", "ctid (0,3) (code)=(a)"}, "DELETE FROM t WHERE n = 3"},
      {"foreign_key",
       "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int);"
       "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 5), (3, NULL), (4, 6);",
       "tables:\n  p:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "  c:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      p_id: {type: integer, references: p.id}\n",
       "foreign-key", 2, {"(id)=(2) (p_id)=(5)", "(id)=(4) (p_id)=(6)"}, "INSERT INTO p VALUES (5), (6)"},
      {"check",
       "CREATE TABLE t (id int PRIMARY KEY, n int); INSERT INTO t VALUES (1, 5), (2, -1), (3, NULL);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      n: integer\n"
       "    checks:\n      t_n_check: \"n > 0\"\n",
       "check", 1, {"(id)=(2)"}, "UPDATE t SET n = 1 WHERE n < 0"},
      {"cast_text_to_integer",
       "CREATE TABLE t (id int PRIMARY KEY, estimate text);"
       "INSERT INTO t VALUES (1, '3'), (2, 'two'), (3, ' 7 '), (4, '99999999999'), (5, NULL), (6, '-12');",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      estimate: integer\n",
       "cast", 2, {"(id)=(2) (estimate)=(two)", "(id)=(4) (estimate)=(99999999999)"},
       "UPDATE t SET estimate = '2' WHERE id IN (2, 4)"},
      {"cast_text_to_numeric",
       "CREATE TABLE t (id int PRIMARY KEY, amount text);"
       "INSERT INTO t VALUES (1, '12.5'), (2, '1e1'), (3, 'ten'), (4, '123.456');",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      amount: numeric(4,2)\n",
       "cast", 2, {"(id)=(3) (amount)=(ten)", "(id)=(4) (amount)=(123.456)"},
       "UPDATE t SET amount = '1' WHERE id IN (3, 4)"},
      {"cast_text_to_boolean",
       "CREATE TABLE t (id int PRIMARY KEY, done text);"
       "INSERT INTO t VALUES (1, 'yes'), (2, 'nope'), (3, ' F '), (4, 'on');",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      done: boolean\n",
       "cast", 1, {"(id)=(2) (done)=(nope)"}, "UPDATE t SET done = 'no' WHERE id = 2"},
      {"narrowing_varchar",
       "CREATE TABLE t (id int PRIMARY KEY, name varchar(50));"
       "INSERT INTO t VALUES (1, 'short'), (2, 'a much longer value');",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: varchar(10)\n",
       "narrowing", 1, {"(id)=(2) (name)=(a much longer value)"}, "UPDATE t SET name = 'fixed' WHERE id = 2"},
      {"narrowing_numeric_precision",
       "CREATE TABLE t (id int PRIMARY KEY, x numeric(10,2));"
       "INSERT INTO t VALUES (1, 12.5), (2, 123.45), (3, -99.999);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      x: numeric(4,2)\n",
       "narrowing", 2, {"(id)=(2) (x)=(123.45)", "(id)=(3) (x)=(-100.00)"}, "UPDATE t SET x = 1 WHERE id IN (2, 3)"},
      {"narrowing_bigint",
       "CREATE TABLE t (id int PRIMARY KEY, n bigint); INSERT INTO t VALUES (1, 5), (2, 3000000000);",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      n: integer\n",
       "narrowing", 1, {"(id)=(2) (n)=(3000000000)"}, "UPDATE t SET n = 0 WHERE id = 2"},
      {"enum_label_removed",
       "CREATE TYPE st AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, s st);"
       "INSERT INTO t VALUES (1, 'a'), (2, 'c'), (3, NULL);",
       "enums:\n  st: [a, b]\ntables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      s: st\n",
       "enum-label", 1, {"(id)=(2) (s)=(c)"}, "UPDATE t SET s = 'b' WHERE s = 'c'"},
      {"cast_text_to_enum",
       "CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY, s text);"
       "INSERT INTO t VALUES (1, 'a'), (2, 'z');",
       "enums:\n  st: [a, b]\ntables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
       "      s: st\n",
       "cast", 1, {"(id)=(2) (s)=(z)"}, "UPDATE t SET s = 'b' WHERE s = 'z'"},
  };
}

class PrecheckLive : public ::testing::TestWithParam<Case> {};

model::Schema inspect(db::Connection& conn) { return introspect::inspect(conn, {}).schema; }

std::string count_of(db::Connection& conn, const std::string& sql) { return conn.query_value(sql); }

TEST_P(PrecheckLive, FindsTheRowsRefusesTheRevisionThenPassesOnceFixed) {
  const Case& c = GetParam();
  testing::TestDatabase db;
  db.execute(c.setup);
  db::Connection conn(db.url());
  model::Schema current = inspect(conn);
  model::Schema desired = model::load_string(c.desired, "models.yaml");
  introspect::ServerOracle oracle(conn);
  diff::Plan plan = diff::plan(current, desired, {}, &oracle);
  ASSERT_FALSE(plan.empty());
  std::vector<revision::Precheck> checks = prechecks_for(plan, current, desired);
  ASSERT_EQ(checks.size(), 1u) << revision::format_prechecks(checks);
  EXPECT_EQ(checks[0].kind, c.kind);

  auto outcomes = apply::run_prechecks(conn, checks);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].ran);
  EXPECT_EQ(outcomes[0].failing, c.failing) << revision::format_prechecks(checks);
  EXPECT_EQ(outcomes[0].samples, c.samples);

  codegen::Rendered rendered = codegen::render(plan);
  revision::Revision r;
  r.id = "20261125134210";
  r.message = "change " + c.name;
  r.summary = codegen::header_body(rendered);
  r.prechecks = checks;
  r.up_sql = revision::render_header(r) + "\n" + rendered.up_body;
  r.down_sql = rendered.down_body;
  r.up_path = "migrations/20261125_134210_change.up.sql";
  r.down_path = "migrations/20261125_134210_change.down.sql";
  r.checksum = revision::checksum_of(r.up_sql, r.down_sql);
  // What the applier reads back from the file is what was written.
  ASSERT_EQ(revision::parse_header(r.up_sql, "x.up.sql").prechecks, checks);

  std::string rows_before = count_of(conn, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                                           "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
  {
    apply::Applier applier(conn, {});
    try {
      applier.apply({r});
      FAIL() << "the applier ran a revision whose pre-check fails";
    } catch (const apply::PrecheckFailed& e) {
      EXPECT_EQ(e.revision(), r.id);
      ASSERT_EQ(e.failed().size(), 1u);
      EXPECT_EQ(e.failed()[0].failing, c.failing);
      std::string what = e.what();
      EXPECT_NE(what.find(c.samples.front()), std::string::npos) << what;
      EXPECT_NE(what.find("nothing was run"), std::string::npos) << what;
    }
  }
  // Untouched: the same catalog, no revision recorded.
  EXPECT_EQ(diff::normalized(inspect(conn)), diff::normalized(current));
  EXPECT_EQ(count_of(conn, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                           "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"),
            rows_before);
  EXPECT_EQ(count_of(conn, "SELECT count(*) FROM strata.revisions"), "0");

  db.execute(c.fix);
  outcomes = apply::run_prechecks(conn, checks);
  EXPECT_EQ(outcomes[0].failing, 0);
  EXPECT_TRUE(outcomes[0].samples.empty());
  apply::Applier applier(conn, {});
  EXPECT_NO_THROW(applier.apply({r}));
  EXPECT_EQ(count_of(conn, "SELECT count(*) FROM strata.revisions"), "1");
  EXPECT_TRUE(diff::plan(inspect(conn), desired, {}, &oracle).empty());
}

INSTANTIATE_TEST_SUITE_P(Kinds, PrecheckLive, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(PrecheckLive, AConversionGivenByUsingIsANoteNotAQuery) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE t (id int PRIMARY KEY, estimate text); INSERT INTO t VALUES (1, 'two');");
  db::Connection conn(db.url());
  model::Schema current = inspect(conn);
  model::Schema desired = model::load_string(
      "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
      "      estimate: {type: integer, using: \"nullif(trim(estimate), '')::integer\"}\n",
      "models.yaml");
  auto checks = prechecks_for(diff::plan(current, desired), current, desired);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, "unchecked");
  EXPECT_FALSE(checks[0].checked());
  EXPECT_NE(checks[0].description.find("cannot be checked without running it"), std::string::npos);
  auto outcomes = apply::run_prechecks(conn, checks);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].ran);
  EXPECT_FALSE(outcomes[0].failed());
}

TEST(PrecheckLive, ChecksReadTheNamesAsTheyAreBeforeTheRevision) {
  // Renamed table and column, then NOT NULL: the query reads the old names.
  testing::TestDatabase db;
  db.execute("CREATE TABLE people (id int PRIMARY KEY, mail text); INSERT INTO people VALUES (1, NULL);");
  db::Connection conn(db.url());
  model::Schema current = inspect(conn);
  model::Schema desired = model::load_string(
      "tables:\n  users:\n    renamed_from: people\n    columns:\n      id: {type: integer, primary_key: true}\n"
      "      email: {type: text, nullable: false, renamed_from: mail}\n",
      "models.yaml");
  auto checks = prechecks_for(diff::plan(current, desired), current, desired);
  ASSERT_EQ(checks.size(), 1u) << revision::format_prechecks(checks);
  auto outcomes = apply::run_prechecks(conn, checks);
  EXPECT_EQ(outcomes[0].failing, 1);
  EXPECT_EQ(outcomes[0].samples, std::vector<std::string>{"(id)=(1)"});
}

TEST(PrecheckLive, ChecksRunReadOnly) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE t (id int PRIMARY KEY); CREATE SEQUENCE s;");
  db::Connection conn(db.url());
  std::vector<revision::Precheck> sneaky = {{"check", "advances a sequence", "SELECT nextval('s')::text"}};
  EXPECT_THROW(apply::run_prechecks(conn, sneaky), DatabaseError);
  EXPECT_EQ(conn.query_value("SELECT last_value FROM s"), "1");
  EXPECT_EQ(conn.query_value("SELECT is_called::text FROM s"), "false");
}

}  // namespace
}  // namespace strata::precheck
