// The applier on revisions made of steps, on a live server: progress per
// step, resume at the first unfinished step, lock timeouts retried.

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "apply/applier.h"
#include "apply/revision_fixture.h"
#include "core/error.h"
#include "support/test_database.h"

namespace strata::apply {
namespace {

using namespace std::chrono_literals;
using testing::make_revision;

Options quiet_options() {
  Options o;
  o.applied_by = "tester";
  o.logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  return o;
}

bool exists(db::Connection& conn, const std::string& name) {
  return conn.query_value("SELECT (to_regclass('" + name + "') IS NOT NULL)::text") == "true";
}

// Step 2 fails until `gate` exists, step 3 until `gate2` does. Were a
// finished step run again, its CREATE would fail: each success proves the
// resume point.
revision::Revision three_steps() {
  return make_revision(
      "20260101000000", std::nullopt,
      "CREATE TABLE t (a int);\n"
      "-- strata:step no-transaction\n"
      "CREATE INDEX CONCURRENTLY t_a ON t (a);\n"
      "INSERT INTO t SELECT 1 FROM gate;\n"
      "-- strata:step transaction\n"
      "CREATE TABLE done (x int);\n"
      "INSERT INTO done SELECT 1 FROM gate2;\n",
      "-- strata:step transaction\n"
      "DROP TABLE done;\n"
      "-- strata:step no-transaction\n"
      "DROP INDEX CONCURRENTLY t_a;\n"
      "-- strata:step transaction\n"
      "DROP TABLE t;\n");
}

TEST(SteppedApply, ResumesAtTheFirstUnfinishedStep) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto r = three_steps();
  Applier applier(conn, quiet_options());
  try {
    applier.apply({r});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("m/20260101000000.up.sql:7:29:"), std::string::npos) << what;
    EXPECT_NE(what.find("1 of 2 statements of step 2 of 3"), std::string::npos) << what;
  }
  auto progress = read_progress(conn);
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].steps_done, 1);
  EXPECT_EQ(progress[0].statements_done, 1);
  EXPECT_TRUE(exists(conn, "public.t_a"));
  EXPECT_TRUE(applier.state().empty());

  conn.execute("CREATE TABLE gate (x int); INSERT INTO gate VALUES (1)");
  try {
    applier.apply({r});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("step 3 of 3 was rolled back"), std::string::npos) << e.what();
  }
  progress = read_progress(conn);
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].steps_done, 2);
  EXPECT_EQ(progress[0].statements_done, 0);
  EXPECT_FALSE(exists(conn, "public.done")) << "the failed transaction step left nothing";
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM t"), "1");

  conn.execute("CREATE TABLE gate2 (x int); INSERT INTO gate2 VALUES (1)");
  auto result = applier.apply({r});
  ASSERT_EQ(result.applied.size(), 1u);
  EXPECT_EQ(applier.current(), r.id);
  EXPECT_TRUE(read_progress(conn).empty());
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM t"), "1") << "step 2 ran once";
  EXPECT_TRUE(exists(conn, "public.done"));

  // Down, step by step.
  applier.rollback({r});
  EXPECT_FALSE(exists(conn, "public.t"));
  EXPECT_FALSE(exists(conn, "public.done"));
  EXPECT_TRUE(applier.state().empty());
  EXPECT_TRUE(read_progress(conn).empty());
}

TEST(SteppedApply, AnOldProgressTableIsUpgradedInPlaceAndItsRecordResumes) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  // A database from before steps: revision_progress without steps_done, a
  // no-transaction revision stopped after its first statement.
  conn.execute(strata_schema_sql());
  conn.execute("ALTER TABLE strata.revision_progress DROP COLUMN steps_done");
  auto r = make_revision("20260101000000", std::nullopt,
                         "CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n",
                         "DROP TABLE t;\n", true);
  conn.execute("CREATE TABLE t (a int)");
  conn.execute("INSERT INTO strata.revision_progress (revision, direction, checksum, statements_done) "
               "VALUES ('20260101000000', 'up', '" + r.checksum + "', 1)");
  auto before = read_progress(conn);
  ASSERT_EQ(before.size(), 1u) << "read before the upgrade";
  EXPECT_EQ(before[0].steps_done, 0);
  EXPECT_EQ(before[0].statements_done, 1);

  Applier applier(conn, quiet_options());
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                             "'strata.revision_progress'::regclass AND attname = 'steps_done'"),
            "1");
  applier.apply({r});  // CREATE TABLE t again would fail: it resumes at statement 2
  EXPECT_EQ(applier.current(), r.id);
  EXPECT_TRUE(exists(conn, "public.t_a"));
}

TEST(SteppedApply, ALockTimeoutRetriesTheStepUntilTheHolderLetsGo) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  db::Connection holder(tdb.url());
  conn.execute("CREATE TABLE t (a int)");
  auto r = make_revision("20260101000000", std::nullopt,
                         "CREATE TABLE log (x int);\n"
                         "ALTER TABLE t ADD CONSTRAINT t_a CHECK (a > 0) NOT VALID;\n"
                         "-- strata:step transaction\n"
                         "ALTER TABLE t VALIDATE CONSTRAINT t_a;\n",
                         "");
  std::ostringstream log_text;
  Options o = quiet_options();
  o.logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text));
  o.lock_timeout = 100ms;
  o.lock_retry_delay = 100ms;
  o.lock_retries = 6;
  holder.execute("BEGIN; LOCK TABLE t IN ACCESS SHARE MODE");
  std::thread release([&] {
    std::this_thread::sleep_for(500ms);
    holder.execute("ROLLBACK");
  });
  Applier applier(conn, o);
  ApplyResult result;
  EXPECT_NO_THROW(result = applier.apply({r}));
  release.join();
  EXPECT_EQ(applier.current(), r.id);
  ASSERT_FALSE(result.lock_timeouts.empty());
  EXPECT_NE(result.lock_timeouts[0].find("step 1 of 2: lock timeout (100 ms) on attempt 1 of 7"),
            std::string::npos)
      << result.lock_timeouts[0];
  EXPECT_NE(log_text.str().find("retrying in"), std::string::npos) << log_text.str();
  // Retried whole: the CREATE TABLE of the step ran once, in the attempt that committed.
  EXPECT_TRUE(exists(conn, "public.log"));
}

TEST(SteppedApply, ALockTimeoutGivesUpAfterTheRetriesNamingTheLock) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  db::Connection holder(tdb.url());
  conn.execute("CREATE TABLE t (a int)");
  auto r = make_revision("20260101000000", std::nullopt,
                         "-- strata:step no-transaction\n"
                         "ALTER TABLE t ADD b int;\n",
                         "");
  Options o = quiet_options();
  o.lock_timeout = 100ms;
  o.lock_retry_delay = 50ms;
  o.lock_retries = 1;
  std::string pid = holder.query_value("SELECT pg_backend_pid()::text");
  holder.execute("BEGIN; LOCK TABLE t IN ACCESS SHARE MODE");
  Applier applier(conn, o);
  try {
    applier.apply({r});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    std::string what = e.what();
    EXPECT_EQ(e.sqlstate(), "55P03");
    EXPECT_NE(what.find("gave up after 2 attempts"), std::string::npos) << what;
    EXPECT_NE(what.find("AccessShareLock on t held by pid " + pid), std::string::npos) << what;
    EXPECT_NE(what.find("ALTER TABLE t ADD b int"), std::string::npos) << what;
  }
  EXPECT_EQ(applier.lock_timeouts().size(), 2u);
  holder.execute("ROLLBACK");
  EXPECT_TRUE(applier.state().empty());
}

}  // namespace
}  // namespace strata::apply
