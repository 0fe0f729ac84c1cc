// Routine changes on real databases, replayed through the binary as a user
// would: each must generate, apply, roll back and re-apply with `check`
// clean at every step, and drift the catalog hides must be reported.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "db/connection.h"
#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const char* kThreeColumns = R"(tables:
  t:
    columns:
      a: {type: integer, primary_key: true}
      b: {type: text, nullable: false, default: "'x'"}
      c: {type: text}
)";

const char* kTwoColumns = R"(tables:
  t:
    columns:
      a: {type: integer, primary_key: true}
      c: {type: text}
)";

// The down of a dropped middle column re-adds it last; the proof and every
// comparison must take that as the starting catalog.
TEST(Generation, DropMiddleColumnAppliesRollsBackAndReapplies) {
  E2EProject p;
  p.write_model("app.yaml", kThreeColumns);
  RunResult c1 = p.strata({"create", "Initial"});
  ASSERT_EQ(c1.exit_code, 0) << describe(c1);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  expect_clean_check(p, "after the first apply");

  p.write_model("app.yaml", kTwoColumns);
  RunResult c2 = p.strata({"create", "Drop b", "--allow", "data-loss"});
  ASSERT_EQ(c2.exit_code, 0) << describe(c2);
  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  expect_clean_check(p, "after dropping b");
  expect_no_difference(p, "after dropping b");

  p.write_model("app.yaml", kThreeColumns);
  RunResult rb = p.strata({"rollback", "-1"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_EQ(p.rows("SELECT attname FROM pg_attribute WHERE attrelid = 'public.t'::regclass "
                   "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"),
            "a\nc\nb\n");
  // check reports the rolled-back revision as pending, and nothing else.
  RunResult c = p.strata({"check"});
  EXPECT_THAT(c.out, HasSubstr("pending")) << describe(c);
  EXPECT_THAT(c.out + c.err, Not(HasSubstr("drift"))) << describe(c);
  expect_no_difference(p, "after rolling back (b is now last)");

  p.write_model("app.yaml", kTwoColumns);
  RunResult again = p.strata({"apply"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  expect_clean_check(p, "after re-applying");
  expect_no_difference(p, "after re-applying");

}

const char* kCodes = R"(tables:
  codes:
    columns:
      id: {type: integer, primary_key: true}
      key: {type: text}
    indexes:
      codes_key_idx: {columns: [key], unique: true}
)";

// A failed CREATE INDEX CONCURRENTLY leaves an INVALID index: it is drift
// that status and check name, and the planner drops and recreates it.
TEST(Generation, InvalidIndexIsDriftAndRepaired) {
  E2EProject p;
  p.write_model("app.yaml", kCodes);
  ASSERT_EQ(p.strata({"create", "Codes"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  // Rebuild the index concurrently on duplicate data: it fails, left invalid.
  db::Connection conn(p.url());
  conn.execute("DROP INDEX codes_key_idx");
  conn.execute("INSERT INTO codes VALUES (1, 'WEB'), (2, 'WEB')");
  EXPECT_THROW(conn.execute("CREATE UNIQUE INDEX CONCURRENTLY codes_key_idx ON codes (key)"),
               DatabaseError);
  ASSERT_EQ(p.query("SELECT (NOT indisvalid)::text FROM pg_index WHERE indexrelid = 'codes_key_idx'::regclass"),
            "true");

  RunResult st = p.strata({"status"});
  EXPECT_THAT(st.out, HasSubstr("drift:    yes")) << describe(st);
  EXPECT_THAT(st.out, HasSubstr("index public.codes_key_idx")) << describe(st);
  EXPECT_THAT(st.out, HasSubstr("INVALID")) << describe(st);
  RunResult c = p.strata({"check"});
  EXPECT_EQ(c.exit_code, 1) << describe(c);
  EXPECT_THAT(c.out, HasSubstr("codes_key_idx")) << describe(c);
  EXPECT_THAT(c.out, HasSubstr("INVALID")) << describe(c);

  // The proof runs on a shadow database without rows, so the duplicates
  // do not fail it; the invalid index is there (built) for the repair to drop.
  RunResult dup = p.strata({"create", "--dry-run", "Repair"});
  EXPECT_EQ(dup.exit_code, 0) << describe(dup);
  EXPECT_THAT(dup.out, HasSubstr("DROP INDEX public.codes_key_idx")) << describe(dup);

  conn.execute("DELETE FROM codes WHERE id = 2");
  RunResult d = p.strata({"diff", "--sql"});
  EXPECT_THAT(d.out, HasSubstr("DROP INDEX public.codes_key_idx")) << describe(d);
  EXPECT_THAT(d.out, HasSubstr("CREATE UNIQUE INDEX codes_key_idx")) << describe(d);
  RunResult fix = p.strata({"create", "Repair"});
  ASSERT_EQ(fix.exit_code, 0) << describe(fix);
  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_EQ(p.query("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'codes_key_idx'::regclass"),
            "true");
  expect_clean_check(p, "after the repair");
  RunResult st2 = p.strata({"status"});
  EXPECT_THAT(st2.out, HasSubstr("drift:    no")) << describe(st2);
}

// Every built-in type of pg_catalog that a column can have, base, range and
// multirange types and their arrays, listed from pg_type (pseudo types and
// the row types of the system catalogs left out): a table with one column of
// each is inspected, the YAML loaded back, and diff finds nothing. The
// models also accept each as pg_catalog.<name>.
TEST(Generation, EveryBuiltInColumnTypeRoundTrips) {
  E2EProject p;
  std::string types = p.rows(
      "SELECT pg_catalog.format_type(t.oid, NULL) FROM pg_catalog.pg_type t "
      "WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typtype IN ('b', 'r', 'm') "
      "AND t.typisdefined AND t.typname NOT IN ('unknown') "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid "
      "                AND e.typtype NOT IN ('b', 'r', 'm')) "
      "ORDER BY t.oid");
  std::vector<std::string> names;
  for (std::size_t at = 0; at < types.size();) {
    std::size_t end = types.find('\n', at);
    names.push_back(types.substr(at, end - at));
    at = end + 1;
  }
  ASSERT_GT(names.size(), 150u) << types;
  std::string create = "CREATE TABLE every_type (";
  for (std::size_t i = 0; i < names.size(); ++i)
    create += (i ? ", c" : "c") + std::to_string(i) + " " + names[i];
  create += ")";
  db::Connection conn(p.url());
  conn.execute(create);

  RunResult r = p.strata({"inspect", "--out", "schema"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  RunResult d = p.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << describe(d);
  auto changes = nlohmann::json::parse(d.out)["changes"];
  EXPECT_TRUE(changes.empty()) << changes.dump(1);

  // The inspected models generate, on an empty database, the same table.
  E2EProject fresh;
  fs::remove_all(fresh.dir() / "schema");
  fs::copy(p.dir() / "schema", fresh.dir() / "schema", fs::copy_options::recursive);
  RunResult c = fresh.strata({"create", "Every type"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  ASSERT_EQ(fresh.strata({"apply"}).exit_code, 0);
  EXPECT_EQ(fresh.rows("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = 'public.every_type'::regclass AND attnum > 0 ORDER BY attname"),
            p.rows("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                   "WHERE attrelid = 'public.every_type'::regclass AND attnum > 0 ORDER BY attname"));
  expect_clean_check(fresh, "after applying every type");

  // The same types spelled pg_catalog.<typname> in a model.
  std::string catalog_names = p.rows(
      "SELECT t.typname FROM pg_catalog.pg_type t "
      "WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typtype IN ('b', 'r', 'm') "
      "AND t.typisdefined AND t.typname NOT IN ('unknown') "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid) ORDER BY t.oid");
  std::string yaml = "tables:\n  spelled:\n    columns:\n";
  int n = 0;
  for (std::size_t at = 0; at < catalog_names.size(); ++n) {
    std::size_t end = catalog_names.find('\n', at);
    std::string name = catalog_names.substr(at, end - at);
    at = end + 1;
    if (name == "char") name = "\\\"char\\\"";
    yaml += "      c" + std::to_string(n) + ": {type: \"pg_catalog." + name + "\"}\n";
  }
  p.write_model("spelled.yaml", yaml);
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
}

}  // namespace
}  // namespace strata::e2e
