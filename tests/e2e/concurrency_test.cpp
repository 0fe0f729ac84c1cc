// Appliers racing each other and appliers killed with SIGKILL at random
// moments: the database is always exactly at a recorded revision.

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "db/connection.h"
#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

constexpr int kRevisions = 5;

std::string rev_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "202601010000%02d", i);
  return buf;
}

// Revision i creates table t<i> with i columns and i rows, and takes a little
// time (pg_sleep) so that kills land inside transactions.
void write_chain(const E2EProject& p, double sleep_seconds) {
  for (int i = 1; i <= kRevisions; ++i) {
    std::string t = "t" + std::to_string(i);
    std::string cols = "id integer PRIMARY KEY";
    for (int c = 2; c <= i; ++c) cols += ", c" + std::to_string(c) + " text";
    std::string up = "CREATE TABLE " + t + " (" + cols + ");\nSELECT pg_sleep(" + std::to_string(sleep_seconds) +
                     ");\nINSERT INTO " + t + " (id) SELECT g FROM generate_series(1, " + std::to_string(i) +
                     ") g;\n";
    p.write_revision(rev_id(i), i == 1 ? "" : rev_id(i - 1), "Table " + t, up, "DROP TABLE " + t + ";\n");
  }
}

// The catalog and the rows a database at revision `n` (0 = none) must have.
std::string expected_state(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    out += "t" + std::to_string(i) + "|id\n";
    for (int c = 2; c <= i; ++c) out += "t" + std::to_string(i) + "|c" + std::to_string(c) + "\n";
  }
  return out;
}

std::string actual_state(const E2EProject& p) {
  return p.rows(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
      "ORDER BY table_name, ordinal_position");
}

std::string actual_rows(const E2EProject& p, int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) out += p.query("SELECT count(*) FROM t" + std::to_string(i)) + ",";
  return out;
}

std::string expected_rows(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) out += std::to_string(i) + ",";
  return out;
}

int revision_number(const std::string& id) { return id.empty() ? 0 : std::stoi(id.substr(12)); }

// Ends the server sessions a killed client left behind (they roll back what
// they had not committed) and waits until they are gone.
void end_orphans(const E2EProject& p) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::string n = p.query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()");
    if (n == "0") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL() << "sessions of killed appliers did not end";
}

TEST(E2EConcurrency, EightConcurrentAppliesApplyEachRevisionOnce) {
  E2EProject p;
  write_chain(p, 0.05);
  std::vector<pid_t> pids;
  for (int i = 0; i < 8; ++i) pids.push_back(spawn(p.options(), {"apply"}));
  for (pid_t pid : pids) EXPECT_EQ(wait_for(pid), 0) << "an applier failed";
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.revisions"), std::to_string(kRevisions));
  EXPECT_EQ(p.query("SELECT count(DISTINCT revision) FROM strata.revisions"), std::to_string(kRevisions));
  EXPECT_EQ(p.current_revision(), rev_id(kRevisions));
  EXPECT_EQ(actual_state(p), expected_state(kRevisions));
  EXPECT_EQ(actual_rows(p, kRevisions), expected_rows(kRevisions));
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'apply' AND result = 'ok'"), "8");
}

TEST(E2EConcurrency, ApplyWaitsForTheLockOrGivesUpAfterLockWait) {
  E2EProject p;
  write_chain(p, 0.0);
  // Another applier holds the lock (Strata's advisory lock key).
  db::Connection holder(p.url());
  holder.execute("SELECT pg_advisory_lock(" + std::to_string(0x737472617461LL) + ")");
  auto started = std::chrono::steady_clock::now();
  RunResult r = p.strata({"apply", "--lock-wait", "300ms"});
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("error: "), std::string::npos) << r.err;
  EXPECT_GE(waited, std::chrono::milliseconds(300));
  EXPECT_EQ(p.current_revision(), "");

  // Without a limit it waits, and goes on once the lock is released.
  pid_t pid = spawn(p.options(), {"apply"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(p.current_revision(), "");
  holder.execute("SELECT pg_advisory_unlock(" + std::to_string(0x737472617461LL) + ")");
  EXPECT_EQ(wait_for(pid), 0);
  EXPECT_EQ(p.current_revision(), rev_id(kRevisions));
}

TEST(E2EConcurrency, KillNineAtRandomMomentsNeverLeavesADatabaseBetweenRevisions) {
  const char* heavy = std::getenv("STRATA_E2E_HEAVY");
  const int iterations = heavy != nullptr && std::string(heavy) == "1" ? 300 : 50;
  const unsigned seed = static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));

  E2EProject p;
  write_chain(p, 0.02);
  // Kill within the time a whole apply takes on this machine now, so the
  // kills land while apply runs however loaded the machine is.
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  const int apply_us = static_cast<int>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
  ASSERT_EQ(p.strata({"rollback", "base", "--yes"}).exit_code, 0);
  std::set<int> seen;
  int kills_that_landed = 0;
  for (int it = 0; it < iterations; ++it) {
    pid_t pid = spawn(p.options(), {"apply"});
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, apply_us * 9 / 10)(rng)));
    kill(pid, SIGKILL);
    int status = wait_for(pid);
    if (status == -SIGKILL) ++kills_that_landed;
    end_orphans(p);

    int at = revision_number(p.current_revision());
    seen.insert(at);
    ASSERT_EQ(actual_state(p), expected_state(at)) << "iteration " << it << ": at revision " << at;
    ASSERT_EQ(actual_rows(p, at), expected_rows(at)) << "iteration " << it;
    if (at == kRevisions) {
      RunResult back = p.strata({"rollback", "base", "--yes"});
      ASSERT_EQ(back.exit_code, 0) << back.err;
      ASSERT_EQ(actual_state(p), expected_state(0));
    }
  }
  std::string seen_list;
  for (int n : seen) seen_list += " " + std::to_string(n);
  std::cout << "kill -9 loop: " << iterations << " iterations, " << kills_that_landed
            << " kills landed while apply ran, revisions seen:" << seen_list << "\n";
  EXPECT_GE(kills_that_landed, iterations / 3) << "kills should land while apply runs";
  EXPECT_GE(seen.size(), 3u) << "kills should land at several revisions";
  // Whatever happened, a final apply brings the database to head cleanly.
  RunResult last = p.strata({"apply"});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(actual_state(p), expected_state(kRevisions));
}

}  // namespace
}  // namespace strata::e2e
