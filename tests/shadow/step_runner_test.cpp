// shadow::run_steps on a live server: each step of a revision file in its
// mode, failures with their step and line in the file, and the retry of a
// failed concurrent build that an online revision relies on.
#include <gtest/gtest.h>

#include "core/error.h"
#include "shadow/script_runner.h"
#include "support/test_database.h"

namespace strata::shadow {
namespace {

std::string index_state(db::Connection& conn, const std::string& name) {
  return conn.query_value(
      "SELECT COALESCE((SELECT CASE WHEN i.indisvalid THEN 'valid' ELSE 'invalid' END "
      "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '" + name + "'), 'none')");
}

TEST(RunSteps, RunsANoTransactionStepInAutocommitAndATransactionStepInOne) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE public.t (id integer, b integer);");
  db::Connection conn(db.url());
  // CREATE INDEX CONCURRENTLY fails inside a transaction block, and in a
  // simple query of several statements (an implicit transaction).
  const std::string file =
      "-- strata:revision 1\n"
      "\n"
      "-- strata:step transaction\n"
      "ALTER TABLE public.t ADD COLUMN c integer;\n"
      "ALTER TABLE public.t ADD CONSTRAINT t_b_check CHECK (b > 0) NOT VALID;\n"
      "\n"
      "-- strata:step transaction\n"
      "ALTER TABLE public.t VALIDATE CONSTRAINT t_b_check;\n"
      "\n"
      "-- strata:step no-transaction\n"
      "DROP INDEX CONCURRENTLY IF EXISTS public.t_b_idx;\n"
      "CREATE INDEX CONCURRENTLY t_b_idx ON public.t USING btree (b);\n";
  auto failure = run_steps(conn, file, "up.sql");
  EXPECT_FALSE(failure.has_value()) << failure->str("up.sql");
  EXPECT_EQ(index_state(conn, "t_b_idx"), "valid");
  EXPECT_EQ(conn.query_value("SELECT convalidated::text FROM pg_constraint WHERE conname = 't_b_check'"), "true");
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass "
                             "AND attname = 'c'"),
            "1");
  // The same step run as one script fails: the mode is what makes it run.
  EXPECT_TRUE(run_script(conn, "DROP INDEX CONCURRENTLY public.t_b_idx; SELECT 1;").has_value());
}

TEST(RunSteps, AFailureNamesItsStepAndItsLineInTheFileAndStopsThere) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE public.t (id integer);");
  db::Connection conn(db.url());
  const std::string file =
      "-- strata:step transaction\n"          // 1
      "ALTER TABLE public.t ADD COLUMN a integer;\n"
      "\n"
      "-- strata:step no-transaction\n"       // 4
      "CREATE INDEX CONCURRENTLY t_a_idx ON public.t (a);\n"
      "CREATE INDEX CONCURRENTLY t_x_idx ON public.t (x);\n"  // 6: no column x
      "\n"
      "-- strata:step transaction\n"
      "ALTER TABLE public.t ADD COLUMN z integer;\n";
  auto failure = run_steps(conn, file, "up.sql");
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->step, 2);
  EXPECT_EQ(failure->line, 6);
  EXPECT_EQ(failure->statement, "CREATE INDEX CONCURRENTLY t_x_idx ON public.t (x)");
  EXPECT_NE(failure->str("up.sql").find("up.sql line 6 (step 2): column \"x\" does not exist"), std::string::npos)
      << failure->str("up.sql");
  // What ran before the failure stays (autocommit); nothing after it ran.
  EXPECT_EQ(index_state(conn, "t_a_idx"), "valid");
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass "
                             "AND attname = 'z'"),
            "0");
  // No transaction is left open.
  EXPECT_EQ(conn.query_value("SELECT 1"), "1");
  conn.execute("CREATE INDEX CONCURRENTLY t_id_idx ON public.t (id)");
}

TEST(RunSteps, AFailedTransactionStepIsRolledBackAndAFileWithoutMarkersIsOneTransaction) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE public.t (id integer);");
  db::Connection conn(db.url());
  auto failure = run_steps(conn,
                           "-- header\n"
                           "ALTER TABLE public.t ADD COLUMN a integer;\n"
                           "ALTER TABLE public.t ADD COLUMN a integer;\n",
                           "up.sql");
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->step, 0);  // no markers: no step numbers in messages
  EXPECT_EQ(failure->line, 3);
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass "
                             "AND attname = 'a'"),
            "0");
  EXPECT_THROW(run_steps(conn, "-- strata:step sometimes\nSELECT 1;\n", "up.sql"), LoadError);
}

TEST(RunSteps, ARetriedConcurrentBuildClearsTheInvalidLeftoverOfTheFailedOne) {
  // What an online revision's index step does when a unique build fails on
  // duplicates and is run again once they are gone.
  testing::TestDatabase db;
  db.execute("CREATE TABLE public.t (id integer); INSERT INTO public.t VALUES (1), (1), (2);");
  db::Connection conn(db.url());
  const std::string file =
      "-- strata:step no-transaction\n"
      "DROP INDEX CONCURRENTLY IF EXISTS public.t_id_key;\n"
      "CREATE UNIQUE INDEX CONCURRENTLY t_id_key ON public.t USING btree (id);\n"
      "\n"
      "-- strata:step transaction\n"
      "ALTER TABLE public.t ADD CONSTRAINT t_id_key UNIQUE USING INDEX t_id_key;\n";
  auto first = run_steps(conn, file, "up.sql");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->line, 3);
  EXPECT_EQ(first->sqlstate, "23505");
  EXPECT_EQ(index_state(conn, "t_id_key"), "invalid");
  conn.execute("DELETE FROM public.t WHERE ctid = (SELECT max(ctid) FROM public.t WHERE id = 1)");
  auto second = run_steps(conn, file, "up.sql");
  EXPECT_FALSE(second.has_value()) << second->str("up.sql");
  EXPECT_EQ(index_state(conn, "t_id_key"), "valid");
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM pg_constraint WHERE conname = 't_id_key' AND contype = 'u'"),
            "1");
}

}  // namespace
}  // namespace strata::shadow
