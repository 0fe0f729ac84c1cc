// Pre-checks through the binary: `create` runs them on the dev database
// (warnings, or a refusal for a NOT NULL column without a default on a table
// with rows) and writes them into the revision; `apply` runs them before the
// revision starts and refuses, exit 1, with the rows at fault.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

using ::testing::HasSubstr;

const char* kItems = R"(tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      estimate: text
)";

const char* kItemsWithCode = R"(tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      estimate: text
      code: {type: text, nullable: false}
)";

const char* kItemsIntegerEstimate = R"(tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      estimate: integer
)";

std::string columns_of(const E2EProject& p) {
  return p.rows("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'public.items'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
}

TEST(Prechecks, NotNullColumnWithoutDefaultIsRefusedOnATableWithRows) {
  E2EProject p;
  p.write_model("app.yaml", kItems);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO items VALUES (1, '3'), (2, '4')");

  p.write_model("app.yaml", kItemsWithCode);
  RunResult c = p.strata({"create", "Add code"});
  EXPECT_EQ(c.exit_code, 1) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("adds NOT NULL column public.items.code without a default")) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("2 row(s), e.g. (id)=(1), (id)=(2)")) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("give the column a default")) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("strata create --empty")) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("nothing was written")) << describe(c);
  EXPECT_EQ(p.revision_files().size(), 1u);
}

TEST(Prechecks, ApplyRefusesARevisionWhoseChecksFindRowsAndChangesNothing) {
  E2EProject p;
  p.write_model("app.yaml", kItems);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);

  // Planned on an empty table: written, with its check in the header.
  p.write_model("app.yaml", kItemsWithCode);
  RunResult c = p.strata({"create", "Add code", "--json"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  auto created = nlohmann::json::parse(c.out);
  ASSERT_EQ(created["prechecks"].size(), 1u) << c.out;
  EXPECT_EQ(created["prechecks"][0]["kind"], "has-rows");
  EXPECT_EQ(created["prechecks"][0]["failing_rows"], 0);
  auto files = p.revision_files();
  ASSERT_EQ(files.size(), 2u);
  std::string up = read_file(files.back());
  EXPECT_THAT(up, HasSubstr("-- strata:precheck has-rows adds NOT NULL column public.items.code"));
  EXPECT_THAT(up, HasSubstr("-- strata:precheck-sql FROM public.items AS r"));
  EXPECT_THAT(up, HasSubstr("may fail on existing rows: adds NOT NULL column public.items.code"));
  ASSERT_EQ(p.strata({"validate"}).exit_code, 0);

  // Production has rows.
  p.db().execute("INSERT INTO items VALUES (7, NULL), (3, 'x')");
  std::string before = columns_of(p);
  std::string revisions = p.rows("SELECT revision FROM strata.revisions ORDER BY revision");
  RunResult a = p.strata({"apply", "--json"});
  EXPECT_EQ(a.exit_code, 1) << describe(a);
  EXPECT_THAT(a.err, HasSubstr("would fail on existing rows")) << describe(a);
  EXPECT_THAT(a.err, HasSubstr("2 row(s), e.g. (id)=(3), (id)=(7)")) << describe(a);
  auto report = nlohmann::json::parse(a.out);
  ASSERT_EQ(report["failed_prechecks"].size(), 1u) << a.out;
  EXPECT_EQ(report["failed_prechecks"][0]["kind"], "has-rows");
  EXPECT_EQ(report["failed_prechecks"][0]["failing_rows"], 2);
  EXPECT_EQ(report["failed_prechecks"][0]["sample_keys"], nlohmann::json::array({"(id)=(3)", "(id)=(7)"}));
  EXPECT_EQ(columns_of(p), before);
  EXPECT_EQ(p.rows("SELECT revision FROM strata.revisions ORDER BY revision"), revisions);

  // Once the rows are gone, it applies.
  p.db().execute("DELETE FROM items");
  RunResult again = p.strata({"apply"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(columns_of(p), HasSubstr("code text"));
}

TEST(Prechecks, ACastThatFailsOnProductionValuesIsCaughtBeforeApply) {
  E2EProject p;
  p.write_model("app.yaml", kItems);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO items VALUES (1, '3'), (2, ' 12 ')");
  p.write_model("app.yaml", kItemsIntegerEstimate);
  RunResult c = p.strata({"create", "Estimate as integer"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  EXPECT_THAT(read_file(p.revision_files().back()), HasSubstr("-- strata:precheck cast public.items.estimate"));

  p.db().execute("INSERT INTO items VALUES (3, 'two')");
  std::string before = columns_of(p);
  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 1) << describe(a);
  EXPECT_THAT(a.err, HasSubstr("1 row(s), e.g. (id)=(3) (estimate)=(two)")) << describe(a);
  EXPECT_EQ(columns_of(p), before);
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.revisions"), "1");
}

TEST(Prechecks, CreateWarnsAboutRowsItFindsAndStillWrites) {
  // Narrowing cuts values without an error, so the proof passes on them;
  // the pre-check finds them.
  E2EProject p;
  p.write_model("app.yaml", R"(tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      name: varchar(50)
)");
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO items VALUES (1, 'short'), (2, 'a name far too long')");
  p.write_model("app.yaml", R"(tables:
  items:
    columns:
      id: {type: integer, primary_key: true}
      name: varchar(10)
)");
  RunResult c = p.strata({"create", "Shorter names", "--json"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  EXPECT_THAT(c.err, HasSubstr("pre-check: narrowing: public.items.name changes type")) << describe(c);
  auto created = nlohmann::json::parse(c.out);
  ASSERT_EQ(created["prechecks"].size(), 1u) << c.out;
  EXPECT_EQ(created["prechecks"][0]["failing_rows"], 1);
  EXPECT_EQ(created["prechecks"][0]["sample_keys"], nlohmann::json::array({"(id)=(2) (name)=(a name far too long)"}));
  EXPECT_EQ(p.revision_files().size(), 2u);
  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 1) << describe(a);
  EXPECT_EQ(p.query("SELECT name FROM items WHERE id = 2"), "a name far too long");
}

}  // namespace
}  // namespace strata::e2e
