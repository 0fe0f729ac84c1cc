#include "cli/logging.h"

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace strata::cli {

std::shared_ptr<spdlog::logger> make_logger(const app::Config& config, Verbosity verbosity,
                                            bool file_log) {
  auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
  err->set_pattern("%^%l%$: %v");
  switch (verbosity) {
    case Verbosity::kQuiet: err->set_level(spdlog::level::err); break;
    case Verbosity::kNormal: err->set_level(spdlog::level::info); break;
    case Verbosity::kVerbose: err->set_level(spdlog::level::debug); break;
  }
  std::vector<spdlog::sink_ptr> sinks{err};

  if (file_log && !config.logging.file.empty() && config.logging.level != "off") {
    std::error_code ec;
    std::filesystem::create_directories(config.logging.file.parent_path(), ec);
    try {
      auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          config.logging.file.string(), config.logging.max_size, config.logging.max_files);
      file->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%P] %l %v");
      file->set_level(spdlog::level::from_str(config.logging.level));
      sinks.push_back(file);
    } catch (const spdlog::spdlog_ex&) {
      // A read-only project still works; it just has no log file.
    }
  }
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

std::string describe(const std::filesystem::filesystem_error& e) {
  std::string where = e.path1().string();
  if (!e.path2().empty()) where += " -> " + e.path2().string();
  std::string reason = e.code().message();
  if (e.code() == std::errc::too_many_symbolic_link_levels)
    reason += " (a symbolic link loop; remove or fix the link)";
  else if (e.code() == std::errc::permission_denied)
    reason += " (check the permissions)";
  else if (e.code() == std::errc::not_a_directory || e.code() == std::errc::file_exists)
    reason += " (a file is where a folder is expected)";
  return (where.empty() ? std::string("file system") : where) + ": " + reason;
}

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr)
    return pw->pw_name;
  return "uid " + std::to_string(geteuid());
}

}  // namespace strata::cli
