#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "app/config.h"
#include "app/invocation.h"

namespace strata::app {

// What every command runs with: the configuration (read once by the caller),
// who is asking (the OS user for the command line, the token's name for the
// server) and where progress is logged.
struct Context {
  Config config;
  std::string who;
  std::shared_ptr<spdlog::logger> log;  // never null
  // The command being run, for the audit trail; null when nobody records it
  // (tests calling app:: directly).
  std::shared_ptr<Invocation> invocation;
  // Where audit lines go (the log file only); null: `log` at debug level.
  std::shared_ptr<spdlog::logger> audit_log;
  // The process ends once the command returns (the command line; never the
  // server): large structures a command is done with at its very end may be
  // left to the operating system instead of freed (see leave_to_exit).
  bool process_ends = false;

  // A context whose logger discards everything (tests).
  static Context quiet(Config config, std::string who = "test");
};

}  // namespace strata::app
