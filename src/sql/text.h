#pragma once

// Small string helpers shared by the libraries above sql (messages, header
// lines, catalog text). Pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

// `s` without leading and trailing whitespace (std::isspace in the C locale).
std::string_view trim(std::string_view s);

// The items in order, `separator` between two ("a, b, c"); empty for none.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// The offset of the first byte of `s` that PostgreSQL refuses in SQL text: a
// NUL, or a byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF). std::nullopt when none.
std::optional<std::size_t> find_invalid_text(std::string_view s);

// What is wrong with the byte find_invalid_text found, for a message:
// "a NUL byte" or "byte 0xE9, which is not UTF-8".
std::string describe_invalid_byte(unsigned char byte);

}  // namespace strata::sql
