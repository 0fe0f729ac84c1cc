#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "app/config.h"

namespace strata::app {

// What every command runs with: the configuration (read once by the caller),
// who is asking (the OS user for the command line, the token's name for the
// server) and where progress is logged.
struct Context {
  Config config;
  std::string who;
  std::shared_ptr<spdlog::logger> log;  // never null

  // A context whose logger discards everything (tests).
  static Context quiet(Config config, std::string who = "test");
};

}  // namespace strata::app
