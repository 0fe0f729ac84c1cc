#pragma once

// One command as the audit trail records it: where it came from and, while it
// runs, which revisions it touched. The command line makes one per run, the
// server one per request; both record it when the command ends
// (record_invocation), unless the command already wrote its own audit row.

#include <chrono>
#include <string>
#include <vector>

namespace strata::app {

struct Invocation {
  std::string source = "cli";  // "cli" or "api"
  std::string command;         // "apply", "status", "GET /api/v1/migrations/status", ...
  std::string arguments;       // as given (never a token or a password)
  std::string client;          // the API client's address; empty on the command line
  std::string host;            // the host name of the machine running Strata
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  // Filled while the command runs.
  std::vector<std::string> revisions;  // applied, rolled back, created, stamped
  bool recorded = false;               // the command wrote its own audit row
};

// This machine's host name ("" when it cannot be read).
std::string host_name();

}  // namespace strata::app
