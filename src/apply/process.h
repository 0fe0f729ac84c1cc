#pragma once

// Running a program and capturing its output, without a shell: the
// arguments go to the program exactly as given.

#include <filesystem>
#include <string>
#include <vector>

namespace strata::apply {

struct ProcessResult {
  int exit_code = -1;  // the exit status; 128 + N when killed by signal N
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// Runs argv[0] (a path, or a name searched in PATH) with argv, stdin from
// /dev/null, and waits for it. Throws strata::Error when it cannot be
// started (e.g. not installed), naming the program and the reason.
ProcessResult run_process(const std::vector<std::string>& argv);

// The last `max_lines` lines of `text`, for error messages.
std::string tail_lines(const std::string& text, int max_lines);

}  // namespace strata::apply
