// `strata create` under concurrency and kill -9, and rollback of a down file
// edited after it was applied: the chain stays linear, ids stay distinct,
// nothing half written blocks the next command.

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string header_value(const std::string& text, const std::string& key) {
  std::string tag = "-- strata:" + key;
  auto at = text.find(tag);
  if (at == std::string::npos) return "";
  auto end = text.find('\n', at);
  std::string v = text.substr(at + tag.size(), end - at - tag.size());
  v.erase(0, v.find_first_not_of(' '));
  return v;
}

// Checks that migrations/ holds exactly `count` revisions forming one chain
// with distinct ids, and that nothing else (temp or orphan files) is left.
void expect_linear_chain(const E2EProject& p, std::size_t count) {
  std::vector<std::pair<std::string, std::string>> revs;  // id, parent
  for (const auto& up : p.revision_files()) {
    std::string text = read_file(up);
    revs.emplace_back(header_value(text, "revision"), header_value(text, "parent"));
  }
  ASSERT_EQ(revs.size(), count);
  std::sort(revs.begin(), revs.end());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < revs.size(); ++i) {
    EXPECT_TRUE(ids.insert(revs[i].first).second) << "id used twice: " << revs[i].first;
    EXPECT_EQ(revs[i].second, i == 0 ? "none" : revs[i - 1].first) << "revision " << revs[i].first;
  }
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(p.dir() / "migrations")) {
    EXPECT_NE(e.path().filename().string()[0], '.') << "left behind: " << e.path();
    ++files;
  }
  EXPECT_EQ(files, 2 * count);
}

const char* kUsers = R"(tables:
  users:
    columns:
      id: {type: bigint, primary_key: true}
)";

TEST(CreateConsistency, ConcurrentEmptyCreatesFormOneChain) {
  E2EProject p;
  constexpr int kRuns = 6;
  std::vector<pid_t> pids;
  for (int i = 0; i < kRuns; ++i)
    pids.push_back(spawn(p.options(), {"create", "--empty", "Hand written " + std::to_string(i)}));
  for (pid_t pid : pids) EXPECT_EQ(wait_for(pid), 0);
  expect_linear_chain(p, kRuns);
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
}

TEST(CreateConsistency, ConcurrentCreatesFromModelsWriteOneRevisionAndRefuseClearly) {
  E2EProject p;
  p.write_model("users.yaml", kUsers);
  constexpr int kRuns = 4;
  std::vector<RunResult> results(kRuns);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRuns; ++i)
    threads.emplace_back([&, i] { results[i] = p.strata({"create", "Users " + std::to_string(i)}); });
  for (auto& t : threads) t.join();
  int written = 0;
  for (const auto& r : results) {
    if (r.exit_code == 0) {
      ++written;
      continue;
    }
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_THAT(r.err, HasSubstr("the database is behind head")) << describe(r);
  }
  EXPECT_EQ(written, 1);
  expect_linear_chain(p, 1);
  RunResult apply = p.strata({"apply"});
  EXPECT_EQ(apply.exit_code, 0) << describe(apply);
  RunResult check = p.strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
}

TEST(CreateConsistency, AKillBetweenTheTwoRenamesIsSweptByTheNextCommand) {
  E2EProject p;
  ASSERT_EQ(p.strata({"create", "--empty", "First"}).exit_code, 0);
  // What a kill after the down file's rename and before the up file's leaves.
  RunResult dry = p.strata({"create", "--empty", "Second", "--dry-run", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  auto doc = nlohmann::json::parse(dry.out);
  fs::path up = p.dir() / doc["up_file"].get<std::string>();
  fs::path down = p.dir() / doc["down_file"].get<std::string>();
  write_file(down, doc["sql"]["down_sql"].get<std::string>());
  write_file(up.parent_path() / ("." + up.filename().string() + ".tmp-Xy12Zq"), doc["sql"]["up_sql"].get<std::string>());
  // And a kill while a temporary file was being written.
  write_file(p.dir() / "migrations" / ".20990101_000000_x.down.sql.tmp-Ab34Cd", "-- strata:do");

  RunResult status = p.strata({"status"});
  EXPECT_EQ(status.exit_code, 0) << describe(status);
  EXPECT_THAT(status.err, HasSubstr("a down file without its up file, left by an interrupted `strata create`"));
  EXPECT_THAT(status.err, HasSubstr("a temporary file left by an interrupted `strata create`"));
  EXPECT_FALSE(fs::exists(down));
  expect_linear_chain(p, 1);
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"validate"}, {"apply"}, {"check"}, {"history"}, {"create", "--empty", "Second"}}) {
    RunResult r = p.strata(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd[0] << "\n" << describe(r);
  }
  expect_linear_chain(p, 2);
}

TEST(CreateConsistency, KillNineDuringCreateNeverBlocksTheNextCommand) {
  const char* heavy = std::getenv("STRATA_E2E_HEAVY");
  const int iterations = heavy != nullptr && std::string(heavy) == "1" ? 200 : 25;
  const unsigned seed = static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));

  E2EProject p;
  auto model = [&](int columns) {
    std::string yaml = kUsers;
    for (int c = 0; c < columns; ++c) yaml += "      c" + std::to_string(c) + ": text\n";
    p.write_model("users.yaml", yaml);
  };
  model(0);
  // Time one create of each kind, then kill others within that time.
  auto timed = [&](const std::vector<std::string>& args) {
    auto t0 = std::chrono::steady_clock::now();
    RunResult r = p.strata(args);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
  };
  const int model_us = timed({"create", "Users"});
  const int empty_us = timed({"create", "--empty", "By hand"});
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  std::size_t revisions = 2;
  int landed = 0;
  for (int it = 0; it < iterations; ++it) {
    // Empty creates only write files; creates from the models also plan and
    // prove in the database under its lock: kill both kinds.
    bool empty = it % 2 == 0;
    if (!empty) model(it + 1);
    std::vector<std::string> args = empty ? std::vector<std::string>{"create", "--empty", "Run " + std::to_string(it)}
                                          : std::vector<std::string>{"create", "Column " + std::to_string(it)};
    pid_t pid = spawn(p.options(), args);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, empty ? empty_us : model_us)(rng)));
    kill(pid, SIGKILL);
    if (wait_for(pid) == -SIGKILL) ++landed;
    RunResult v = p.strata({"validate"});
    ASSERT_EQ(v.exit_code, 0) << "iteration " << it << "\n" << describe(v);
    revisions = p.revision_files().size();
    ASSERT_NO_FATAL_FAILURE(expect_linear_chain(p, revisions)) << "iteration " << it;
    RunResult a = p.strata({"apply"});  // the next create from the models builds on head
    ASSERT_EQ(a.exit_code, 0) << "iteration " << it << "\n" << describe(a);
  }
  std::cout << "kill -9 loop of create: " << iterations << " iterations, " << landed << " kills landed, "
            << revisions << " revisions written\n";
  EXPECT_GE(landed, iterations / 3);
  RunResult last = p.strata({"create", "--empty", "After the kills"});
  EXPECT_EQ(last.exit_code, 0) << describe(last);
  expect_linear_chain(p, revisions + 1);
}

TEST(RollbackEditedDown, RefusedUnlessForced) {
  E2EProject p;
  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  p.write_revision("20260101000002", "20260101000001", "Add name", "ALTER TABLE things ADD COLUMN name text;\n",
                   "ALTER TABLE things DROP COLUMN name;\n");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  std::string recorded = p.query("SELECT checksum FROM strata.revisions WHERE revision = '20260101000002'");
  fs::path down = p.dir() / "migrations" / "20260101000002_Add_name.down.sql";
  write_file(down, "DROP TABLE things;\n");

  RunResult refused = p.strata({"rollback", "-1"});
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("refusing to roll back"));
  EXPECT_THAT(refused.err, HasSubstr("migrations/20260101000002_Add_name.down.sql (revision 20260101000002)"));
  EXPECT_THAT(refused.err, HasSubstr("was " + recorded + " when applied"));
  EXPECT_THAT(refused.err, HasSubstr("--force"));
  EXPECT_EQ(p.current_revision(), "20260101000002");
  EXPECT_EQ(p.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'things'"), "2");
  EXPECT_EQ(p.query("SELECT result FROM strata.audit_log WHERE operation = 'rollback' ORDER BY id DESC LIMIT 1"),
            "error");

  RunResult forced = p.strata({"rollback", "-1", "--force", "--yes"});
  EXPECT_EQ(forced.exit_code, 0) << describe(forced);
  EXPECT_THAT(forced.err, HasSubstr("--force: running an edited down file"));
  EXPECT_EQ(p.current_revision(), "20260101000001");
  EXPECT_EQ(p.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'things'"), "0");
}

}  // namespace
}  // namespace strata::e2e
