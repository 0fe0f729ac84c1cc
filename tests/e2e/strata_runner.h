#pragma once

// Runs the built `strata` binary as a child process, for end-to-end tests.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace strata::e2e {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// "exit N", then stdout and stderr: what a failed expectation prints.
std::string describe(const RunResult& r);

struct RunOptions {
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;  // set on top of the test's environment
};

// Runs `strata args...` and waits for it.
RunResult run(const RunOptions& options, const std::vector<std::string>& args);

// Starts `strata args...` with output discarded; returns the pid.
pid_t spawn(const RunOptions& options, const std::vector<std::string>& args);

// Waits for a spawned child; returns its exit code, or -signal when killed.
int wait_for(pid_t pid);

// The path of the binary under test.
const std::filesystem::path& strata_binary();

}  // namespace strata::e2e
