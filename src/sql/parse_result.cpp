#include "sql/parse_result.h"

#include <pg_query.h>

#include <algorithm>
#include <memory>

#include "sql/text.h"

namespace strata::sql {
namespace {

// Owns a PgQueryParseResult for its lifetime.
struct ParseGuard {
  PgQueryParseResult r;
  explicit ParseGuard(const std::string& text) : r(pg_query_parse(text.c_str())) {}
  ~ParseGuard() { pg_query_free_parse_result(r); }
  ParseGuard(const ParseGuard&) = delete;
  ParseGuard& operator=(const ParseGuard&) = delete;
};

// libpg_query 15's JSON output writes an Integer node only when its value is
// positive, so `-5` and `0` both arrive as "ival": {}. Every such A_Const
// carries the location of its text: read the value back from there (a folded
// negative number starts at its '-'; parentheses may sit in between).
void repair_integer_constants(nlohmann::json& node, std::string_view text) {
  if (node.is_array()) {
    for (auto& child : node) repair_integer_constants(child, text);
    return;
  }
  if (!node.is_object()) return;
  auto c = node.find("A_Const");
  if (c != node.end() && c->is_object()) {
    auto iv = c->find("ival");
    auto loc = c->find("location");
    if (iv != c->end() && iv->is_object() && !iv->contains("ival") && loc != c->end() &&
        loc->is_number_integer()) {
      std::size_t i = loc->get<std::size_t>();
      bool negative = false;
      while (i < text.size() && (text[i] == '-' || text[i] == '(' || text[i] == ' ' ||
                                 text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
        if (text[i] == '-') negative = !negative;
        ++i;
      }
      long long value = 0;
      std::size_t digits = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') value = value * 10 + (text[i++] - '0');
      if (value != 0) {
        (*iv)["ival"] = negative ? -value : value;
      } else if (i == digits) {
        // Not read back (a comment between sign and digits): keep the text,
        // so this constant never passes for zero. Cut where a character
        // starts: the tree holds UTF-8 only, or dumping it throws.
        std::string_view kept = text.substr(loc->get<std::size_t>(), 40);
        std::size_t end = kept.size();
        if (end < text.size() - loc->get<std::size_t>())
          while (end > 0 && (static_cast<unsigned char>(kept[end]) & 0xC0) == 0x80) --end;
        (*iv)["text"] = std::string(kept.substr(0, end));
      }
    }
  }
  for (auto& [key, child] : node.items()) repair_integer_constants(child, text);
}

}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult out;
  // libpg_query reads a C string and copies bytes into its JSON unchecked.
  if (auto bad = find_invalid_text(text)) {
    out.error = SyntaxError{describe_invalid_byte(static_cast<unsigned char>(text[*bad])) +
                                "; SQL text must be UTF-8 without NUL bytes",
                            static_cast<int>(*bad)};
    return out;
  }
  ParseGuard g{std::string(text)};
  if (g.r.error) {
    out.error = SyntaxError{g.r.error->message ? g.r.error->message : "syntax error",
                            g.r.error->cursorpos > 0 ? g.r.error->cursorpos - 1 : -1};
    return out;
  }
  out.tree = nlohmann::json::parse(g.r.parse_tree ? g.r.parse_tree : "{}");
  repair_integer_constants(*out.tree, text);
  return out;
}

std::optional<SyntaxError> check_syntax(std::string_view text) { return parse(text).error; }

std::optional<SyntaxError> check_expression(std::string_view expression) {
  // Wrap in a SELECT so the grammar accepts exactly one a_expr; a trailing
  // ")" or ";" smuggled in would break the wrapper and be reported.
  static constexpr std::string_view kPrefix = "SELECT (";
  std::string text = std::string(kPrefix) + std::string(expression) + "\n)";
  auto r = parse(text);
  if (r.error) {
    SyntaxError e = *r.error;
    if (e.position >= 0) {
      int pos = e.position - static_cast<int>(kPrefix.size());
      e.position = std::clamp(pos, 0, static_cast<int>(expression.size()));
    }
    return e;
  }
  const auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1)
    return SyntaxError{"expected one expression", 0};
  return std::nullopt;
}

}  // namespace strata::sql
