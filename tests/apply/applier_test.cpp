#include "apply/applier.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "apply/file_mismatch.h"
#include "apply/revision_fixture.h"
#include "core/error.h"
#include "revision/store.h"
#include "revision/temp_dir.h"
#include "support/test_database.h"

namespace strata::apply {
namespace {

using namespace std::chrono_literals;
using testing::make_revision;

Options quiet_options(std::chrono::milliseconds lock_wait = -1ms) {
  Options o;
  o.applied_by = "tester";
  o.lock_wait = lock_wait;
  o.logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  return o;
}

std::string value(db::Connection& conn, const std::string& sql) { return conn.query_value(sql); }

bool table_exists(db::Connection& conn, const std::string& name) {
  return value(conn, "SELECT (to_regclass('" + name + "') IS NOT NULL)::text") == "true";
}

std::vector<revision::Revision> two_revisions() {
  return {make_revision("20260101000000", std::nullopt, "CREATE TABLE a (id int);\n",
                        "DROP TABLE a;\n"),
          make_revision("20260102000000", "20260101000000",
                        "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n",
                        "DROP TABLE b;\n")};
}

TEST(Applier, AppliesRevisionsAndRecordsThem) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto revs = two_revisions();
  {
    Applier applier(conn, quiet_options());
    EXPECT_TRUE(applier.state().empty());
    std::vector<std::string> seen;
    ApplyResult r = applier.apply(revs, [&](const ApplyResult::Step& s) { seen.push_back(s.revision); });
    ASSERT_EQ(r.applied.size(), 2u);
    EXPECT_EQ(seen, (std::vector<std::string>{"20260101000000", "20260102000000"}));
    auto state = applier.state();
    ASSERT_EQ(state.size(), 2u);
    EXPECT_EQ(state[0].revision, "20260101000000");
    EXPECT_EQ(state[0].parent, std::nullopt);
    EXPECT_EQ(state[1].parent, "20260101000000");
    EXPECT_EQ(state[1].checksum, revs[1].checksum);
    EXPECT_EQ(state[1].message, "revision 20260102000000");
    EXPECT_EQ(state[1].applied_by, "tester");
    EXPECT_EQ(state[1].applied_at.size(), 20u) << state[1].applied_at;
    EXPECT_EQ(applier.current(), "20260102000000");

    // Everything already applied: skipped, nothing runs twice.
    ApplyResult again = applier.apply(revs);
    EXPECT_TRUE(again.applied.empty());
    EXPECT_EQ(again.skipped.size(), 2u);
  }
  EXPECT_TRUE(table_exists(conn, "public.a"));
  EXPECT_EQ(value(conn, "SELECT count(*) FROM b"), "1");
  EXPECT_EQ(read_applied(conn).size(), 2u);
}

TEST(Applier, RollsBackNewestFirst) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto revs = two_revisions();
  Applier applier(conn, quiet_options());
  applier.apply(revs);
  auto undone = applier.rollback({revs[1]});
  ASSERT_EQ(undone.size(), 1u);
  EXPECT_EQ(undone[0].revision, "20260102000000");
  EXPECT_FALSE(table_exists(conn, "public.b"));
  EXPECT_TRUE(table_exists(conn, "public.a"));
  EXPECT_EQ(applier.current(), "20260101000000");
  // Undoing something that is not the database's revision is refused.
  EXPECT_THROW(applier.rollback({revs[1]}), UsageError);
  applier.apply(revs);
  undone = applier.rollback(revs);
  ASSERT_EQ(undone.size(), 2u);
  EXPECT_EQ(undone[0].revision, "20260102000000");
  EXPECT_EQ(undone[1].revision, "20260101000000");
  EXPECT_FALSE(table_exists(conn, "public.a"));
  EXPECT_TRUE(applier.state().empty());
}

TEST(Applier, RefusesARevisionThatDoesNotFollowTheDatabase) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto revs = two_revisions();
  Applier applier(conn, quiet_options());
  EXPECT_THROW(applier.apply({revs[1]}), UsageError);
  EXPECT_FALSE(table_exists(conn, "public.b"));
  EXPECT_TRUE(applier.state().empty());
}

// P, then B applied on P; the files move B after A (a rebase). A applies
// only out of order, the new parent is recorded, and the chain's tip is the
// database's revision again.
TEST(Applier, OutOfOrderAndRecordingTheNewParent) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto p = make_revision("20260101000000", std::nullopt, "CREATE TABLE p (id int);\n", "DROP TABLE p;\n");
  auto b = make_revision("20260103000000", p.id, "CREATE TABLE b (id int);\n", "DROP TABLE b;\n");
  auto a = make_revision("20260102000000", p.id, "CREATE TABLE a (id int);\n", "DROP TABLE a;\n");
  Applier applier(conn, quiet_options());
  applier.apply({p, b});
  auto moved = b;
  moved.parent = a.id;
  moved.up_sql = revision::with_parent(b.up_sql, a.id, "b");
  moved.checksum = revision::checksum_of(moved.up_sql, moved.down_sql);
  EXPECT_EQ(moved.checksum, b.checksum);

  EXPECT_THROW(applier.apply({a}), UsageError) << "the database is at B, not at A's parent";
  auto c = make_revision("20260104000000", a.id, "SELECT 1;\n", "SELECT 1;\n");
  EXPECT_THROW(applier.apply({c}, {}, true), UsageError) << "out of order still needs the parent applied";
  applier.apply({a}, {}, true);
  EXPECT_TRUE(table_exists(conn, "public.a"));
  EXPECT_EQ(applier.record_chain({p, a, moved}), std::vector<std::string>{b.id});
  EXPECT_EQ(value(conn, "SELECT parent FROM strata.revisions WHERE revision = '" + b.id + "'"), a.id);
  EXPECT_EQ(applier.current(), b.id);
  EXPECT_TRUE(applier.record_chain({p, a, moved}).empty()) << "nothing left to record";

  // A row recorded with the old checksum (every byte) is migrated; an
  // edited file's row is left as it was, so it is still reported.
  conn.execute("UPDATE strata.revisions SET checksum = '" + revision::legacy_checksum_of(a.up_sql, a.down_sql) +
               "' WHERE revision = '" + a.id + "'");
  auto edited = p;
  edited.up_sql += "SELECT 2;\n";
  edited.checksum = revision::checksum_of(edited.up_sql, edited.down_sql);
  EXPECT_EQ(applier.record_chain({edited, a, moved}), std::vector<std::string>{a.id});
  EXPECT_EQ(value(conn, "SELECT checksum FROM strata.revisions WHERE revision = '" + a.id + "'"), a.checksum);
  EXPECT_EQ(value(conn, "SELECT checksum FROM strata.revisions WHERE revision = '" + p.id + "'"), p.checksum);
}

TEST(Applier, FailingStatementLeavesTheDatabaseAsItWas) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto revs = two_revisions();
  revs[1] = make_revision("20260102000000", "20260101000000",
                          "CREATE TABLE b (id int);\n"
                          "INSERT INTO a VALUES (7);\n"
                          "\n"
                          "  ALTER TABLE missing ADD COLUMN c int;\n",
                          "DROP TABLE b;\n");
  Applier applier(conn, quiet_options());
  try {
    applier.apply(revs);
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    std::string what = e.what();
    // 3 header lines, then the body: the ALTER is on line 7, column 3.
    EXPECT_NE(what.find("m/20260102000000.up.sql:7:3: "), std::string::npos) << what;
    EXPECT_NE(what.find("relation \"missing\" does not exist"), std::string::npos) << what;
    EXPECT_NE(what.find("in: ALTER TABLE missing ADD COLUMN c int"), std::string::npos) << what;
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_EQ(e.statement(), "ALTER TABLE missing ADD COLUMN c int");
  }
  // The first revision stays; nothing of the second.
  auto state = applier.state();
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[0].revision, "20260101000000");
  EXPECT_FALSE(table_exists(conn, "public.b"));
  EXPECT_EQ(value(conn, "SELECT count(*) FROM a"), "0");
  // The connection is usable afterwards.
  EXPECT_EQ(value(conn, "SELECT 1"), "1");
}

TEST(Applier, ManyStatementsRunInBatchesAndAFailureNamesItsStatement) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  // 350 statements: more than three batches; the failing one is in the
  // fourth, and what came before it in the file is rolled back with it.
  std::string up;
  for (int i = 0; i < 330; ++i) up += "CREATE TABLE t" + std::to_string(i) + " (id int);\n";
  up += "INSERT INTO t0 VALUES (1);\n";
  up += "  SELECT 1/0 AS boom;\n";
  for (int i = 0; i < 18; ++i) up += "CREATE TABLE u" + std::to_string(i) + " (id int);\n";
  auto bad = make_revision("20260101000000", std::nullopt, up, "");
  Applier applier(conn, quiet_options());
  try {
    applier.apply({bad});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    std::string what = e.what();
    // 3 header lines, 331 statements, then the SELECT at column 3.
    EXPECT_NE(what.find("m/20260101000000.up.sql:335:3: division by zero"), std::string::npos)
        << what;
    EXPECT_NE(what.find("in: SELECT 1/0 AS boom"), std::string::npos) << what;
    EXPECT_EQ(e.sqlstate(), "22012");
  }
  EXPECT_FALSE(table_exists(conn, "public.t0"));
  EXPECT_FALSE(table_exists(conn, "public.u0"));
  EXPECT_TRUE(applier.state().empty());
  EXPECT_EQ(value(conn, "SELECT 1"), "1");

  // The same file without the failing statement applies whole, and a
  // statement's rows (the INSERT) are there.
  std::string good_up = up;
  good_up.erase(good_up.find("  SELECT 1/0"), std::string("  SELECT 1/0 AS boom;\n").size());
  auto good = make_revision("20260101000000", std::nullopt, good_up, "");
  applier.apply({good});
  EXPECT_TRUE(table_exists(conn, "public.t329"));
  EXPECT_TRUE(table_exists(conn, "public.u17"));
  EXPECT_EQ(value(conn, "SELECT count(*) FROM t0"), "1");
  ASSERT_EQ(applier.state().size(), 1u);
}

TEST(Applier, ErrorPositionInsideAStatementGivesTheColumn) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto r = make_revision("20260101000000", std::nullopt,
                         "CREATE TABLE t (id int);\nCREATE VIEW v AS\n  SELECT id, nosuch FROM t;\n",
                         "");
  Applier applier(conn, quiet_options());
  try {
    applier.apply({r});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("m/20260101000000.up.sql:6:14: column \"nosuch\""),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(table_exists(conn, "public.t"));
}

TEST(Applier, RefusesTransactionControlAndNonTransactionalStatementsBeforeRunning) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  Applier applier(conn, quiet_options());
  auto commit = make_revision("20260101000000", std::nullopt,
                              "CREATE TABLE t (id int);\nCOMMIT;\nCREATE TABLE u (id int);\n", "");
  try {
    applier.apply({commit});
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.diagnostics()[0].where, (Location{"m/20260101000000.up.sql", 5, 1}));
    EXPECT_NE(std::string(e.what()).find("transaction control"), std::string::npos);
  }
  auto concurrently = make_revision("20260101000000", std::nullopt,
                                    "CREATE TABLE t (id int);\n"
                                    "CREATE INDEX CONCURRENTLY t_idx ON t (id);\n",
                                    "");
  try {
    applier.apply({concurrently});
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.diagnostics()[0].where.line, 5);
    EXPECT_NE(std::string(e.what()).find("strata:step no-transaction"), std::string::npos);
  }
  EXPECT_FALSE(table_exists(conn, "public.t"));
  EXPECT_TRUE(applier.state().empty());
}

TEST(Applier, LockTimeoutStopsDdlQueueingBehindAQuery) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  db::Connection other(tdb.url());
  auto base = make_revision("20260101000000", std::nullopt, "CREATE TABLE t (id int);\n", "");
  auto alter =
      make_revision("20260102000000", "20260101000000", "ALTER TABLE t ADD c int;\n", "");
  Options o = quiet_options();
  o.lock_timeout = 200ms;
  o.lock_retries = 0;  // fail at the first timeout (retries: stepped_apply_test.cpp)
  Applier applier(conn, o);
  applier.apply({base});
  other.execute("BEGIN; LOCK TABLE t IN ACCESS SHARE MODE");
  auto start = std::chrono::steady_clock::now();
  try {
    applier.apply({alter});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.sqlstate(), "55P03") << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  other.execute("ROLLBACK");
  EXPECT_EQ(applier.current(), "20260101000000");
}

TEST(Applier, StampsWithoutRunningSql) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  auto revs = two_revisions();
  Applier applier(conn, quiet_options());
  applier.stamp(revs);
  EXPECT_FALSE(table_exists(conn, "public.a"));
  auto state = applier.state();
  ASSERT_EQ(state.size(), 2u);
  EXPECT_EQ(state[1].revision, "20260102000000");
  EXPECT_EQ(state[1].checksum, revs[1].checksum);
  applier.stamp({revs[0]});
  EXPECT_EQ(applier.current(), "20260101000000");
  applier.stamp({});
  EXPECT_TRUE(applier.state().empty());
  EXPECT_THROW(applier.stamp({revs[1]}), UsageError) << "not a chain from the root";
}

TEST(Applier, WritesAuditRows) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  write_audit(conn, {"alice", "apply", "20260101000000", true, "", 12});
  write_audit(conn, {"bob", "rollback", "-1", false, "boom 'quoted'", 3});
  EXPECT_EQ(value(conn, "SELECT string_agg(who || '/' || operation || '/' || target || '/' || "
                        "result || '/' || detail || '/' || duration_ms, ',' ORDER BY id) "
                        "FROM strata.audit_log"),
            "alice/apply/20260101000000/ok//12,bob/rollback/-1/error/boom 'quoted'/3");
}

TEST(Applier, NoTransactionRevisionResumesAfterAFailure) {
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  // Statement 3 fails until table `gate` exists. Were statement 1 run again
  // on the retry, CREATE TABLE t would fail: the retry proves the resume.
  auto r = make_revision("20260101000000", std::nullopt,
                         "CREATE TABLE t (a int);\n"
                         "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n"
                         "INSERT INTO t SELECT 1 FROM gate;\n"
                         "SELECT pg_sleep(0.05);\n"
                         "CREATE TABLE done (x int);\n",
                         "DROP TABLE done;\nDROP INDEX CONCURRENTLY t_a_idx;\nDROP TABLE t;\n",
                         true);
  {
    Applier applier(conn, quiet_options());
    try {
      applier.apply({r});
      FAIL() << "no error";
    } catch (const DatabaseError& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("m/20260101000000.up.sql:7:29:"), std::string::npos) << what;
      EXPECT_NE(what.find("2 of 5 statements"), std::string::npos) << what;
    }
    EXPECT_TRUE(applier.state().empty());
    auto progress = read_progress(conn);
    ASSERT_EQ(progress.size(), 1u);
    EXPECT_EQ(progress[0].revision, "20260101000000");
    EXPECT_FALSE(progress[0].down);
    EXPECT_EQ(progress[0].statements_done, 2);
    EXPECT_TRUE(table_exists(conn, "public.t_a_idx"));
  }
  conn.execute("CREATE TABLE gate (x int); INSERT INTO gate VALUES (1)");
  {
    Applier applier(conn, quiet_options());
    auto result = applier.apply({r});
    ASSERT_EQ(result.applied.size(), 1u);
    EXPECT_EQ(applier.current(), "20260101000000");
    EXPECT_TRUE(read_progress(conn).empty());
    EXPECT_EQ(value(conn, "SELECT count(*) FROM t"), "1");
    EXPECT_TRUE(table_exists(conn, "public.done"));
    // The measured time of the run is recorded, not 0: it covers the sleep.
    EXPECT_GE(result.applied[0].duration_ms, 50);
    EXPECT_EQ(value(conn, "SELECT duration_ms FROM strata.revisions "
                          "WHERE revision = '20260101000000'"),
              std::to_string(result.applied[0].duration_ms));
    // And back down, statement by statement.
    applier.rollback({r});
    EXPECT_FALSE(table_exists(conn, "public.t"));
    EXPECT_TRUE(applier.state().empty());
  }
}

TEST(Applier, SecondApplierFailsAtOnceWithLockWaitZero) {
  testing::TestDatabase tdb;
  db::Connection first_conn(tdb.url());
  db::Connection second_conn(tdb.url());
  Applier first(first_conn, quiet_options());
  auto start = std::chrono::steady_clock::now();
  try {
    Applier second(second_conn, quiet_options(0ms));
    FAIL() << "got the lock twice";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.sqlstate(), "55P03");
    EXPECT_NE(std::string(e.what()).find("another strata process"), std::string::npos);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  // A bounded wait gives up after about that long.
  start = std::chrono::steady_clock::now();
  EXPECT_THROW(Applier(second_conn, quiet_options(300ms)), DatabaseError);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 300ms);
  EXPECT_LT(waited, 3s);
  // The failed attempts left the connection usable and hold nothing.
  EXPECT_EQ(second_conn.query_value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                    "AND pid = pg_backend_pid()"),
            "0");
}

TEST(Applier, SecondApplierWaitsForTheLock) {
  testing::TestDatabase tdb;
  db::Connection first_conn(tdb.url());
  std::atomic<bool> released{false};
  std::atomic<bool> got_lock_before_release{false};
  auto first = std::make_unique<Applier>(first_conn, quiet_options());
  std::thread second([&] {
    db::Connection conn(tdb.url());
    Applier applier(conn, quiet_options());  // waits
    if (!released) got_lock_before_release = true;
  });
  std::this_thread::sleep_for(500ms);
  released = true;
  first.reset();
  second.join();
  EXPECT_FALSE(got_lock_before_release);
}

TEST(Applier, ConcurrentAppliersApplyEachRevisionOnce) {
  testing::TestDatabase tdb;
  std::vector<revision::Revision> revs;
  std::optional<std::string> parent;
  for (int i = 0; i < 5; ++i) {
    std::string id = "2026010" + std::to_string(i + 1) + "000000";
    // Not idempotent: a second run of any revision would fail.
    revs.push_back(make_revision(id, parent,
                                 "CREATE TABLE t" + std::to_string(i) +
                                     " (id int);\nSELECT pg_sleep(0.05);\n",
                                 "DROP TABLE t" + std::to_string(i) + ";\n"));
    parent = id;
  }
  std::atomic<int> failures{0}, applied{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      try {
        db::Connection conn(tdb.url());
        Applier applier(conn, quiet_options());
        applied += static_cast<int>(applier.apply(revs).applied.size());
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(applied, 5);
  db::Connection conn(tdb.url());
  EXPECT_EQ(read_applied(conn).size(), 5u);
}

TEST(FileMismatch, DetectsEditedAndMissingFiles) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  db::Connection conn(tdb.url());
  revision::Store store(dir.path());
  auto now = std::chrono::system_clock::now();
  auto r1 = store.prepare({"first", "", "CREATE TABLE a (id int);", "DROP TABLE a;", false}, now);
  store.write(r1);
  auto r2 = store.prepare({"second", "", "CREATE TABLE b (id int);", "DROP TABLE b;", false}, now);
  store.write(r2);
  {
    Applier applier(conn, quiet_options());
    applier.apply(store.between(std::nullopt, *store.head()));
  }
  EXPECT_TRUE(find_file_mismatches(revision::Store(dir.path()), read_applied(conn)).empty());

  std::ofstream(r1.down_path, std::ios::app) << "-- an edit\n";
  auto found = find_file_mismatches(revision::Store(dir.path()), read_applied(conn));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, FileMismatch::Kind::kEdited);
  EXPECT_EQ(found[0].revision, r1.id);
  EXPECT_EQ(found[0].recorded, r1.checksum);
  EXPECT_NE(found[0].actual, r1.checksum);

  std::filesystem::remove(r2.up_path);
  std::filesystem::remove(r2.down_path);
  found = find_file_mismatches(revision::Store(dir.path()), read_applied(conn));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].kind, FileMismatch::Kind::kMissingFile);
  EXPECT_EQ(found[1].revision, r2.id);
}

}  // namespace
}  // namespace strata::apply
