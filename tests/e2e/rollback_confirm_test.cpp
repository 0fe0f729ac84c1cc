// End to end: a rollback whose down file loses data is refused without a
// terminal to ask on unless --yes is given; --dry-run and --sql never ask; a
// down file that loses nothing runs as before.

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kFirst = "20260101000001";
constexpr const char* kSecond = "20260101000002";

// Runs strata on a terminal (a pseudo-terminal for stdin, stdout and
// stderr), answers `answer` once the question "[y/N]" shows, and returns the
// exit code with everything the terminal showed.
RunResult run_on_terminal(const E2EProject& p, const std::vector<std::string>& args, const std::string& answer) {
  RunOptions options = p.options();
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    if (chdir(options.cwd.c_str()) != 0) _exit(126);
    for (const auto& [k, v] : options.env) setenv(k.c_str(), v.c_str(), 1);
    setenv("TERM", "xterm", 1);
    std::vector<std::string> all{strata_binary().string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  RunResult r;
  bool answered = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd fd{master, POLLIN, 0};
    if (poll(&fd, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // the child closed the terminal
    r.err.append(buf, static_cast<std::size_t>(n));
    if (!answered && r.err.find("[y/N]") != std::string::npos) {
      answered = true;
      std::string line = answer + "\n";
      if (write(master, line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// One revision that creates a table (its down drops it) and one that adds an
// index (its down drops only the index).
void write_chain(const E2EProject& p) {
  p.write_revision(kFirst, "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY, note text);\n",
                   "DROP TABLE things;\n");
  p.write_revision(kSecond, kFirst, "Index notes", "CREATE INDEX things_note_idx ON things (note);\n",
                   "DROP INDEX things_note_idx;\n");
}

TEST(RollbackConfirm, ADownFileThatLosesDataIsRefusedWithoutATerminalUnlessYes) {
  E2EProject p;
  write_chain(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO things VALUES (1, 'kept')");

  // The index's down file loses nothing: no question, it runs.
  RunResult index = p.strata({"rollback", "-1"});
  ASSERT_EQ(index.exit_code, 0) << describe(index);
  EXPECT_EQ(p.current_revision(), kFirst);

  RunResult refused = p.strata({"rollback", "base"});
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr(std::string(kFirst) + "_Create_things.down.sql:1:1: data-loss: DROP TABLE"));
  EXPECT_THAT(refused.err, HasSubstr("--yes"));
  EXPECT_THAT(refused.err, HasSubstr("nothing was run"));
  EXPECT_EQ(p.current_revision(), kFirst);
  EXPECT_EQ(p.query("SELECT count(*) FROM things"), "1");

  // The JSON error document says the same.
  RunResult json = p.strata({"rollback", "base", "--json"});
  EXPECT_EQ(json.exit_code, 2);
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["ok"], false);
  EXPECT_THAT(doc.dump(), HasSubstr("DROP TABLE"));

  // --dry-run and --sql never ask.
  RunResult dry = p.strata({"rollback", "base", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << describe(dry);
  RunResult sql = p.strata({"rollback", "base", "--sql"});
  EXPECT_EQ(sql.exit_code, 0) << describe(sql);
  EXPECT_THAT(sql.out, HasSubstr("DROP TABLE things"));
  EXPECT_EQ(p.current_revision(), kFirst);

  RunResult yes = p.strata({"rollback", "base", "--yes"});
  ASSERT_EQ(yes.exit_code, 0) << describe(yes);
  EXPECT_EQ(p.current_revision(), "");
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_class WHERE relname = 'things'"), "0");
}

TEST(RollbackConfirm, TheRefusalNamesEveryRevisionThatLosesData) {
  E2EProject p;
  p.write_revision(kFirst, "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  p.write_revision(kSecond, kFirst, "Add note", "ALTER TABLE things ADD COLUMN note text;\n",
                   "ALTER TABLE things DROP COLUMN note;\n");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult refused = p.strata({"rollback", "base"});
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr(std::string(kSecond) + "_Add_note.down.sql:1:1: data-loss: DROP COLUMN note"));
  EXPECT_THAT(refused.err, HasSubstr(std::string(kFirst) + "_Create_things.down.sql"));
  // Nothing ran, not even the newest down file.
  EXPECT_EQ(p.current_revision(), kSecond);
  EXPECT_EQ(p.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"), "1");
}

TEST(RollbackConfirm, OnATerminalItAsksAndRunsOnlyOnYes) {
  E2EProject p;
  write_chain(p);
  ASSERT_EQ(p.strata({"apply", "20260101000001"}).exit_code, 0);

  RunResult no = run_on_terminal(p, {"rollback", "base"}, "n");
  EXPECT_EQ(no.exit_code, 2) << no.err;
  EXPECT_THAT(no.err, HasSubstr("DROP TABLE things"));
  EXPECT_THAT(no.err, HasSubstr("roll back anyway? [y/N]"));
  EXPECT_THAT(no.err, HasSubstr("rollback cancelled; nothing was run"));
  EXPECT_EQ(p.current_revision(), kFirst);

  RunResult yes = run_on_terminal(p, {"rollback", "base"}, "y");
  EXPECT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_EQ(p.current_revision(), "");
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_class WHERE relname = 'things'"), "0");
}

}  // namespace
}  // namespace strata::e2e
