#include "introspect/normalize.h"

#include <limits>

namespace strata::introspect {
namespace {

struct Range {
  std::int64_t min;
  std::int64_t max;
};

Range type_range(std::string_view type) {
  if (type == "smallint") return {std::numeric_limits<std::int16_t>::min(),
                                  std::numeric_limits<std::int16_t>::max()};
  if (type == "integer") return {std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max()};
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

std::optional<std::int64_t> unless(std::int64_t value, std::int64_t default_value) {
  if (value == default_value) return std::nullopt;
  return value;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the longest prefix of s, at most `bytes` long, that ends on a
// UTF-8 character boundary.
size_t clip_utf8(std::string_view s, size_t bytes) {
  if (bytes >= s.size()) return s.size();
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

}  // namespace

model::SequenceOptions sequence_options(std::string_view type, std::int64_t start,
                                        std::int64_t increment, std::int64_t min_value,
                                        std::int64_t max_value, std::int64_t cache, bool cycle) {
  Range r = type_range(type);
  bool ascending = increment > 0;
  model::SequenceOptions o;
  o.increment = unless(increment, 1);
  o.min_value = unless(min_value, ascending ? 1 : r.min);
  o.max_value = unless(max_value, ascending ? r.max : -1);
  o.start = unless(start, ascending ? 1 : -1);
  o.cache = unless(cache, 1);
  o.cycle = cycle;
  return o;
}

std::string check_body(std::string_view definition) {
  std::string_view d = trim(definition);
  if (ends_with(d, " NOT VALID")) d.remove_suffix(10);
  if (ends_with(d, " NO INHERIT")) d.remove_suffix(11);
  constexpr std::string_view kPrefix = "CHECK (";
  if (d.substr(0, kPrefix.size()) == kPrefix && ends_with(d, ")")) {
    d.remove_prefix(kPrefix.size());
    d.remove_suffix(1);
  }
  return std::string(d);
}

std::string strip_outer_parens(std::string_view expression) {
  std::string_view e = trim(expression);
  if (e.size() < 2 || e.front() != '(' || e.back() != ')') return std::string(e);
  // The opening parenthesis must close at the very end.
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    char c = e[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
      if (depth == 0 && i + 1 != e.size()) return std::string(e);
    }
  }
  return std::string(trim(e.substr(1, e.size() - 2)));
}

std::string view_query(std::string_view definition) {
  std::string_view d = trim(definition);
  if (ends_with(d, ";")) d.remove_suffix(1);
  return std::string(trim(d));
}

std::string text_array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string serial_sequence_name(std::string_view table, std::string_view column) {
  constexpr size_t kMaxBytes = 63;
  constexpr std::string_view kLabel = "seq";
  size_t available = kMaxBytes - (1 + kLabel.size() + 1);
  size_t n1 = table.size(), n2 = column.size();
  while (n1 + n2 > available) {
    if (n1 > n2) --n1;
    else --n2;
  }
  n1 = clip_utf8(table, n1);
  n2 = clip_utf8(column, n2);
  return std::string(table.substr(0, n1)) + "_" + std::string(column.substr(0, n2)) + "_" +
         std::string(kLabel);
}

std::string serial_type_for(std::string_view integer_type) {
  if (integer_type == "integer") return "serial";
  if (integer_type == "bigint") return "bigserial";
  if (integer_type == "smallint") return "smallserial";
  return {};
}

}  // namespace strata::introspect
