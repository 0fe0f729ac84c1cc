#include "app/context.h"

#include <spdlog/sinks/null_sink.h>

namespace strata::app {

Context Context::quiet(Config config, std::string who) {
  auto sink = std::make_shared<spdlog::sinks::null_sink_mt>();
  return Context{std::move(config), std::move(who), std::make_shared<spdlog::logger>("strata", sink)};
}

}  // namespace strata::app
