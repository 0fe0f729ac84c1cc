#include "sql/parse_result.h"

#include <pg_query.h>

#include <algorithm>
#include <memory>

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

}  // namespace

ParseResult parse(std::string_view text) {
  ParseGuard g{std::string(text)};
  ParseResult out;
  if (g.r.error) {
    out.error = SyntaxError{g.r.error->message ? g.r.error->message : "syntax error",
                            g.r.error->cursorpos > 0 ? g.r.error->cursorpos - 1 : -1};
    return out;
  }
  out.tree = nlohmann::json::parse(g.r.parse_tree ? g.r.parse_tree : "{}");
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
