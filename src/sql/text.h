#pragma once

// Small string helpers shared by the libraries above sql (messages, header
// lines, catalog text). Pure functions.

#include <cstddef>
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

namespace strata::sql {

// A character that must not appear in a name and is never written raw into a
// comment or shown raw on a terminal: a C0 control (line feed, carriage
// return, tab, escape, ...), DEL, a C1 control (U+0080-U+009F), a line or
// paragraph separator (U+2028, U+2029), an invisible or direction-changing
// format character (U+061C, U+200B-U+200F, U+202A-U+202E, U+2060-U+2069,
// U+FEFF: bidi overrides and isolates, zero-width spaces and joiners), or a
// byte that is not part of valid UTF-8.
struct UnsafeCharacter {
  std::size_t offset = 0;  // byte offset of the character in the text
  std::string shown;       // how visible() writes it: "\n", "\x1b", "\u202e", ...
};

// The first unsafe character of `text`, if any.
std::optional<UnsafeCharacter> find_unsafe_character(std::string_view text);

// `text` with every unsafe character written as an escape a reader can see
// ("\n", "\r", "\t", "\x1b", "\u202e"; an invalid byte as "\xff"). The result
// holds no line break and no control character; other text is unchanged.
std::string visible(std::string_view text);

}  // namespace strata::sql
