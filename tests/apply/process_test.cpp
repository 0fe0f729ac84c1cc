#include "apply/process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "revision/temp_dir.h"

#include "core/error.h"

namespace strata::apply {
namespace {

TEST(RunProcess, CapturesOutputErrorsAndExitCode) {
  // Arguments reach the program as they are: no shell splits or expands them.
  ProcessResult r = run_process({"/bin/sh", "-c", "echo \"$0\"; echo err >&2; exit 3",
                                 "two words; $HOME"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "two words; $HOME\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(RunProcess, LargeOutputOnBothStreamsDoesNotBlock) {
  ProcessResult r = run_process(
      {"/bin/sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 300000u);
  EXPECT_EQ(r.err.size(), 300000u);
}

TEST(RunProcess, MissingProgramIsAnError) {
  EXPECT_THROW(run_process({"/nonexistent/program"}), Error);
  EXPECT_THROW(run_process({"strata-no-such-program"}), Error);
  EXPECT_THROW(run_process({}), Error);
}

TEST(RunProcess, PassesEnvironmentAndInputAndStreamsOutput) {
  ProcessOptions options;
  options.env["STRATA_TEST_SECRET"] = "in the environment";
  options.input = "from stdin\n";
  std::string streamed;
  options.on_output = [&](std::string_view chunk) { streamed.append(chunk); };
  ProcessResult r = run_process({"/bin/sh", "-c", "echo \"$STRATA_TEST_SECRET\"; cat"}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(streamed, "in the environment\nfrom stdin\n");
  EXPECT_EQ(r.out, "");
}

// The state letter of /proc/PID/stat ('Z' zombie), or 0 when there is no such process.
char process_state(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t close = text.rfind(')');
  return close == std::string::npos || close + 2 >= text.size() ? 0 : text[close + 2];
}

bool gone_within(pid_t pid, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    char state = process_state(pid);
    if (state == 0 || state == 'Z' || state == 'X') return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

pid_t read_pid(const std::filesystem::path& file) {
  for (int i = 0; i < 500; ++i) {
    std::ifstream in(file);
    pid_t pid = 0;
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

TEST(RunProcess, AnExceptionFromTheOutputHandlerKillsTheChild) {
  testing::TempDir dir;
  const auto pid_file = dir.path() / "pid";
  ProcessOptions options;
  options.on_output = [](std::string_view) { throw Error("stop"); };
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(run_process({"/bin/sh", "-c", "echo $$ > '" + pid_file.string() + "'; echo go; exec sleep 60"},
                           options),
               Error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  pid_t child = read_pid(pid_file);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(gone_within(child, std::chrono::seconds(5)));
}

TEST(RunProcess, TheChildDiesWithItsParentEvenByKill9) {
  testing::TempDir dir;
  const auto pid_file = dir.path() / "pid";
  pid_t parent = fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    try {
      run_process({"/bin/sh", "-c", "echo $$ > '" + pid_file.string() + "'; exec sleep 60"});
    } catch (...) {
    }
    _exit(0);
  }
  pid_t child = read_pid(pid_file);
  ::kill(parent, SIGKILL);
  int status = 0;
  ::waitpid(parent, &status, 0);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(gone_within(child, std::chrono::seconds(5))) << "sleep " << child << " outlived its parent";
}

TEST(TailLines, KeepsTheLastLines) {
  EXPECT_EQ(tail_lines("a\nb\nc\n", 2), "b\nc");
  EXPECT_EQ(tail_lines("a\nb\nc", 5), "a\nb\nc");
  EXPECT_EQ(tail_lines("", 3), "");
}

}  // namespace
}  // namespace strata::apply
