#pragma once

// Small string helpers shared by the libraries above sql (messages, header
// lines, catalog text). Pure functions.

#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

// `s` without leading and trailing whitespace (std::isspace in the C locale).
std::string_view trim(std::string_view s);

// The items in order, `separator` between two ("a, b, c"); empty for none.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace strata::sql
