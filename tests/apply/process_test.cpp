#include "apply/process.h"

#include <gtest/gtest.h>

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

TEST(TailLines, KeepsTheLastLines) {
  EXPECT_EQ(tail_lines("a\nb\nc\n", 2), "b\nc");
  EXPECT_EQ(tail_lines("a\nb\nc", 5), "a\nb\nc");
  EXPECT_EQ(tail_lines("", 3), "");
}

}  // namespace
}  // namespace strata::apply
