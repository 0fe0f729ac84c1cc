#include "cli/logging.h"

#include "cli/terminal.h"

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace strata::cli {

namespace {

// Colour on stderr as the rest of the output has it (NO_COLOR, CLICOLOR_FORCE).
spdlog::color_mode stderr_color_mode() {
  return strata::cli::stderr_color() ? spdlog::color_mode::always : spdlog::color_mode::never;
}

// On a terminal a log line first clears the line it starts on: the apply
// progress line leaves the cursor at its start, and is replaced, not run into.
std::string stderr_pattern() { return strata::cli::stderr_terminal() ? "\x1b[K%^%l%$: %v" : "%^%l%$: %v"; }

// One rotating sink per log file in this process: two would rotate the file
// under each other.
spdlog::sink_ptr file_sink(const app::Config& config) {
  static std::map<std::string, spdlog::sink_ptr> sinks;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string path = config.logging.file.string();
  if (auto it = sinks.find(path); it != sinks.end()) return it->second;
  std::error_code ec;
  std::filesystem::create_directories(config.logging.file.parent_path(), ec);
  try {
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, config.logging.max_size,
                                                                        config.logging.max_files);
    file->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%P] %l %v");
    file->set_level(spdlog::level::from_str(config.logging.level));
    sinks[path] = file;
    return file;
  } catch (const spdlog::spdlog_ex&) {
    // A read-only project still works; it just has no log file.
    return nullptr;
  }
}

}  // namespace

std::shared_ptr<spdlog::logger> make_audit_logger(const app::Config& config, bool file_log, bool to_stderr) {
  std::vector<spdlog::sink_ptr> sinks;
  if (file_log && !config.logging.file.empty() && config.logging.level != "off")
    if (auto file = file_sink(config)) sinks.push_back(file);
  if (to_stderr) {
    auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(stderr_color_mode());
    err->set_pattern(stderr_pattern());
    sinks.push_back(err);
  }
  if (sinks.empty()) return nullptr;
  auto logger = std::make_shared<spdlog::logger>("strata-audit", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  return logger;
}

std::shared_ptr<spdlog::logger> make_logger(const app::Config& config, Verbosity verbosity,
                                            bool file_log) {
  auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(stderr_color_mode());
  err->set_pattern(stderr_pattern());
  switch (verbosity) {
    case Verbosity::kQuiet: err->set_level(spdlog::level::err); break;
    case Verbosity::kNormal: err->set_level(spdlog::level::info); break;
    case Verbosity::kVerbose: err->set_level(spdlog::level::debug); break;
  }
  std::vector<spdlog::sink_ptr> sinks{err};

  if (file_log && !config.logging.file.empty() && config.logging.level != "off")
    if (auto file = file_sink(config)) sinks.push_back(file);
  auto logger = std::make_shared<spdlog::logger>("strata", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::info);
  return logger;
}

std::shared_ptr<spdlog::logger> file_only(const spdlog::logger& logger) {
  const auto& sinks = logger.sinks();
  if (sinks.size() < 2) return nullptr;
  auto out = std::make_shared<spdlog::logger>("strata-file", sinks.begin() + 1, sinks.end());
  out->set_level(spdlog::level::trace);
  out->flush_on(spdlog::level::err);
  return out;
}

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr)
    return pw->pw_name;
  return "uid " + std::to_string(geteuid());
}

}  // namespace strata::cli
