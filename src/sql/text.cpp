#include "sql/text.h"

#include <cctype>
#include <cstdio>

#include "core/utf8.h"

namespace strata::sql {

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::optional<std::size_t> find_invalid_text(std::string_view s) {
  const std::size_t nul = s.find('\0');
  const std::size_t bad = invalid_utf8_at(s.substr(0, nul));
  if (bad != std::string_view::npos) return bad;
  if (nul != std::string_view::npos) return nul;
  return std::nullopt;
}

std::string describe_invalid_byte(unsigned char byte) {
  if (byte == 0) return "a NUL byte";
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));
  return std::string("byte ") + hex + ", which is not UTF-8";
}

}  // namespace strata::sql

namespace strata::sql {
namespace {

// One decoded character: its code point and byte length; code point -1 for
// a byte that does not start valid UTF-8 (length 1).
struct Decoded {
  long code = -1;
  std::size_t length = 1;
};

Decoded decode(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return {b, 1};
  std::size_t length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (b > 0xF4 || length == 0 || i + length > s.size()) return {};
  long code = b & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  static constexpr long kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMin[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return {};
  return {code, length};
}

bool is_unsafe(long code) {
  if (code < 0) return true;
  if (code < 0x20 || code == 0x7F) return true;
  if (code >= 0x80 && code <= 0x9F) return true;
  if (code == 0x061C || code == 0xFEFF) return true;
  if (code >= 0x200B && code <= 0x200F) return true;
  if (code >= 0x2028 && code <= 0x202E) return true;
  if (code >= 0x2060 && code <= 0x2069) return true;
  return false;
}

std::string hex(unsigned long value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int k = digits - 1; k >= 0; --k, value >>= 4) out[static_cast<std::size_t>(k)] = kDigits[value & 0xF];
  return out;
}

std::string shown(std::string_view s, std::size_t i, const Decoded& d) {
  if (d.code < 0) return "\\x" + hex(static_cast<unsigned char>(s[i]), 2);
  if (d.code == '\n') return "\\n";
  if (d.code == '\r') return "\\r";
  if (d.code == '\t') return "\\t";
  if (d.code < 0x80) return "\\x" + hex(static_cast<unsigned long>(d.code), 2);
  return "\\u" + hex(static_cast<unsigned long>(d.code), 4);
}

}  // namespace

std::optional<UnsafeCharacter> find_unsafe_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode(text, i);
    if (is_unsafe(d.code)) return UnsafeCharacter{i, shown(text, i, d)};
    i += d.length;
  }
  return std::nullopt;
}

std::string visible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode(text, i);
    if (is_unsafe(d.code))
      out += shown(text, i, d);
    else
      out.append(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

}  // namespace strata::sql
