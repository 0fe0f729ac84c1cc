#include "apply/sql_preview.h"

#include <gtest/gtest.h>

#include "apply/revision_fixture.h"
#include "db/connection.h"
#include "sql/script.h"
#include "support/test_database.h"

namespace strata::apply {
namespace {

using testing::make_revision;

TEST(SqlPreview, RunsLikeTheApplier) {
  auto r1 = make_revision("20260101000000", std::nullopt, "CREATE TABLE a (id int);\n",
                          "DROP TABLE a;\n");
  auto r2 = make_revision("20260102000000", "20260101000000",
                          "CREATE TABLE b (note text DEFAULT 'it''s');", "DROP TABLE b;");
  r2.message = "Add b: 'quoted'";
  Options options;
  options.applied_by = "o'brien";
  options.lock_timeout = std::chrono::milliseconds(1500);
  std::string up = preview_apply({r1, r2}, options);
  EXPECT_NE(up.find("BEGIN;\nSET LOCAL lock_timeout = '1500ms';\n"), std::string::npos) << up;
  EXPECT_NE(up.find("'Add b: ''quoted'''"), std::string::npos) << up;

  // Running the preview by hand has the same effect as the applier.
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  conn.execute(up);
  auto applied = read_applied(conn);
  ASSERT_EQ(applied.size(), 2u);
  EXPECT_EQ(applied[0].revision, r1.id);
  EXPECT_EQ(applied[1].parent, r1.id);
  EXPECT_EQ(applied[1].checksum, r2.checksum);
  EXPECT_EQ(applied[1].message, "Add b: 'quoted'");
  EXPECT_EQ(applied[1].applied_by, "o'brien");
  EXPECT_EQ(conn.query_value("SELECT (to_regclass('public.b') IS NOT NULL)::text"), "true");

  std::string down = preview_rollback({r1, r2}, options);
  EXPECT_LT(down.find("DROP TABLE b"), down.find("DROP TABLE a")) << "newest first";
  conn.execute(down);
  EXPECT_TRUE(read_applied(conn).empty());
  EXPECT_EQ(conn.query_value("SELECT (to_regclass('public.a') IS NOT NULL)::text"), "false");
}

TEST(SqlPreview, ARevisionOfStepsRunsStepByStepLikeTheApplier) {
  auto r = make_revision("20260101000000", std::nullopt,
                         "CREATE TABLE t (a int);\n"
                         "-- strata:step no-transaction\n"
                         "CREATE INDEX CONCURRENTLY t_a ON t (a);\n"
                         "-- strata:step transaction\n"
                         "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0) NOT VALID;\n",
                         "-- strata:step no-transaction\n"
                         "DROP INDEX CONCURRENTLY t_a;\n"
                         "-- strata:step transaction\n"
                         "DROP TABLE t;\n");
  Options options;
  options.applied_by = "dba";
  options.lock_timeout = std::chrono::milliseconds(700);
  std::string up = preview_apply({r}, options);
  auto step1 = up.find("-- step 1 of 3 (transaction)\nBEGIN;\nSET LOCAL lock_timeout = '700ms';");
  auto step2 = up.find("-- step 2 of 3 (no-transaction)\nSET lock_timeout = '700ms';");
  auto step3 = up.find("-- step 3 of 3 (transaction)\nBEGIN;\nSET LOCAL lock_timeout = '700ms';");
  ASSERT_NE(step1, std::string::npos) << up;
  ASSERT_NE(step2, std::string::npos) << up;
  ASSERT_NE(step3, std::string::npos) << up;
  EXPECT_LT(step1, step2);
  EXPECT_LT(step2, step3);
  EXPECT_NE(up.find("steps_done, statements_done)\n  VALUES ('20260101000000', 'up', "), std::string::npos) << up;

  // As psql runs it, one statement at a time, the CREATE INDEX CONCURRENTLY
  // outside any transaction.
  auto run = [](db::Connection& conn, const std::string& script) {
    sql::SplitResult split = sql::split_script(script);
    ASSERT_TRUE(split.ok()) << split.error->str();
    for (const auto& st : split.statements) conn.execute(st.text);
  };
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  run(conn, up);
  auto applied = read_applied(conn);
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].checksum, r.checksum);
  EXPECT_TRUE(read_progress(conn).empty());
  EXPECT_EQ(conn.query_value("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_a'::regclass"), "true");
  run(conn, preview_rollback({r}, options));
  EXPECT_TRUE(read_applied(conn).empty());
  EXPECT_EQ(conn.query_value("SELECT (to_regclass('public.t') IS NOT NULL)::text"), "false");
}

}  // namespace
}  // namespace strata::apply
