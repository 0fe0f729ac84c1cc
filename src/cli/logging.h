#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "app/config.h"

namespace strata::cli {

enum class Verbosity { kQuiet, kNormal, kVerbose };

// A logger writing to stderr (colored only on a terminal) at the level the
// flags ask for, and, when the project has a configuration file, to the
// rotating log file it names at the configured level.
std::shared_ptr<spdlog::logger> make_logger(const app::Config& config, Verbosity verbosity,
                                            bool file_log);

// A logger with the sinks of `logger` but its first (stderr), so what main
// prints itself also reaches the log file; nullptr when there is no file.
std::shared_ptr<spdlog::logger> file_only(const spdlog::logger& logger);


// The audit trail's log: one line per command (app::audit_line) to the log
// file only (and to stderr as well when `to_stderr`, for `strata serve`).
// Shares the log file with make_logger. Null when there is neither.
std::shared_ptr<spdlog::logger> make_audit_logger(const app::Config& config, bool file_log, bool to_stderr);

// The name of the operating-system user running the process.
std::string os_user();

}  // namespace strata::cli
