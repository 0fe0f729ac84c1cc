#include "apply/sql_preview.h"

#include <gtest/gtest.h>

#include "apply/revision_fixture.h"
#include "db/connection.h"
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

}  // namespace
}  // namespace strata::apply
