#pragma once

// Running shell commands from tests (psql, pg_dump) and quoting their words.

#include <string>

namespace strata::testing {

// `s` as one word for /bin/sh: in single quotes, each ' written '\''.
std::string shell_quote(const std::string& s);
// What `command` (run by /bin/sh) prints on its standard output.
std::string run_output(const std::string& command);

}  // namespace strata::testing
