#pragma once

// Checking that input text is UTF-8, as the SQL parser, PostgreSQL and every
// JSON output require.

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace strata {

// The offset of the first byte where `text` stops being valid UTF-8
// (overlong forms, UTF-16 surrogates and code points past U+10FFFF count as
// invalid), or npos when all of it is valid.
inline std::size_t invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// A diagnostic for the first invalid byte of `text` (file:line:col, the byte
// offset and its value, and the fix), or nullopt when `text` is UTF-8.
inline std::optional<Diagnostic> utf8_problem(std::string_view text, const std::string& file,
                                              std::string_view what) {
  std::size_t bad = invalid_utf8_at(text);
  if (bad == std::string_view::npos) return std::nullopt;
  auto before = text.substr(0, bad);
  std::size_t nl = before.rfind('\n');
  std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  char hex[8];
  std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(text[bad]));
  return Diagnostic{Location{file, line, static_cast<int>(bad - line_start) + 1},
                    "byte " + std::to_string(bad) + " (0x" + hex + ") is not valid UTF-8; " +
                        std::string(what) + " must be UTF-8 (convert the file, e.g. with iconv)"};
}

}  // namespace strata
