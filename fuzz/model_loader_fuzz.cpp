// Any bytes as one model file. A LoadError is the answer to bad input;
// anything else that escapes is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "model/yaml_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    strata::model::load_string(text, "fuzz.yaml");
  } catch (const strata::Error&) {
  }
  return 0;
}
