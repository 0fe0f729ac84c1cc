// Any bytes as the script pg_restore writes, through the lexer restore feeds
// it to. Beyond not crashing, what comes out must not depend on how the
// script is cut into chunks: the first byte picks a chunk size, and the
// events of feeding the rest in such chunks must equal those of feeding it
// whole, error included.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "apply/script_splitter.h"
#include "core/error.h"

namespace {

struct Outcome {
  std::vector<std::string> events;
  std::string error;  // empty when the script was accepted
};

Outcome split(std::string_view script, std::size_t chunk) {
  Outcome out;
  strata::apply::ScriptSplitter::Handlers h;
  h.statement = [&](const std::string& sql) { out.events.push_back("S " + sql); };
  h.copy_from_stdin = [&](const std::string& sql) { out.events.push_back("C " + sql); };
  h.copy_data = [&](std::string_view line) { out.events.push_back("D " + std::string(line)); };
  h.copy_end = [&] { out.events.push_back("E"); };
  strata::apply::ScriptSplitter splitter(h);
  try {
    for (std::size_t at = 0; at < script.size(); at += chunk) splitter.feed(script.substr(at, chunk));
    splitter.finish();
  } catch (const strata::Error& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t chunk = 1 + data[0] % 16;
  std::string_view script(reinterpret_cast<const char*>(data) + 1, size - 1);
  Outcome whole = split(script, script.size() + 1);
  Outcome chunked = split(script, chunk);
  if (whole.events != chunked.events || whole.error.empty() != chunked.error.empty()) {
    __builtin_printf("restore_script_fuzz: chunks of %zu bytes split the script differently\n", chunk);
    std::abort();
  }
  return 0;
}
