// Any bytes as strata.yaml, with a fixed environment (one variable set, the
// rest unset). A LoadError is the answer to bad input; anything else that
// escapes is a bug.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/config.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  strata::app::EnvironmentLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "STRATA_FUZZ_SET") return "value";
    return std::nullopt;
  };
  try {
    strata::app::parse_config(text, "/project/strata.yaml", env);
  } catch (const strata::Error&) {
  }
  return 0;
}
