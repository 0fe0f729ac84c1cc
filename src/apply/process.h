#pragma once

// Running a program and capturing its output, without a shell: the
// arguments go to the program exactly as given.
//
// A child never outlives Strata: it is started with PR_SET_PDEATHSIG, so the
// kernel kills it (SIGKILL) when Strata dies, even by kill -9 (strictly: when
// the thread that started it ends, so start children from a thread that
// outlives them). A child that
// is still running when run_process() leaves by an exception is killed and
// reaped before the exception goes on.

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace strata::apply {

struct ProcessResult {
  int exit_code = -1;  // the exit status; 128 + N when killed by signal N
  std::string out;     // everything written to stdout (unless on_output takes it)
  std::string err;     // everything written to stderr
};

struct ProcessOptions {
  // Set in the child's environment on top of this process's (how secrets
  // such as PGPASSWORD reach a child: never on its command line).
  std::map<std::string, std::string> env;
  // Written to the child's stdin, which is then closed (/dev/null when empty).
  std::string input;
  // When set, receives stdout in chunks as it arrives (ProcessResult::out
  // stays empty). An exception from it kills the child and propagates.
  std::function<void(std::string_view)> on_output;
};

// Runs argv[0] (a path, or a name searched in PATH) with argv and waits for
// it. Throws strata::Error when it cannot be started (e.g. not installed),
// naming the program and the reason.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The last `max_lines` lines of `text`, for error messages.
std::string tail_lines(const std::string& text, int max_lines);

}  // namespace strata::apply
