// Any bytes as an up file: its header is parsed, and its statements are split
// and checked as `validate` does. Beyond not crashing, a header that parses
// must read back the same after render_header, and every statement split off
// must be the script's own text at its offset and line.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.h"
#include "revision/revision.h"
#include "revision/validate.h"
#include "sql/script.h"

namespace {

void require(bool ok, const char* what) {
  if (!ok) {
    __builtin_printf("revision_fuzz: %s\n", what);
    std::abort();
  }
}

int line_at(std::string_view s, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset; ++i)
    if (s[i] == '\n') ++line;
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace revision = strata::revision;

  bool no_transaction = false;
  try {
    revision::Revision r = revision::parse_header(text, "fuzz.up.sql");
    no_transaction = r.no_transaction;
    revision::Revision again = revision::parse_header(revision::render_header(r), "rendered");
    require(again.id == r.id && again.parent == r.parent && again.message == r.message &&
                again.no_transaction == r.no_transaction,
            "a parsed header does not read back the same after render_header");
  } catch (const strata::Error&) {
  }

  revision::validate_script(text, "fuzz.up.sql", !no_transaction);

  strata::sql::SplitResult split = strata::sql::split_script(text);
  for (const auto& st : split.statements) {
    require(st.offset >= 0 && static_cast<std::size_t>(st.offset) <= text.size(),
            "statement offset outside the script");
    require(text.substr(st.offset, st.text.size()) == st.text,
            "statement text is not the script's text at its offset");
    require(st.line == line_at(text, st.offset), "statement line does not match its offset");
    strata::sql::is_transaction_control(st.text);
    strata::sql::cannot_run_in_transaction(st.text);
  }
  return 0;
}
