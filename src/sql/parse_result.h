#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace strata::sql {

// A syntax error reported by the PostgreSQL parser.
struct SyntaxError {
  std::string message;
  int position = 0;  // 0-based byte offset into the parsed text; -1 if unknown

  bool operator==(const SyntaxError&) const = default;
};

// The deepest parse tree parse() returns, in levels of its JSON form (an
// operator or function call takes two or three). Deeper text is refused with
// an error instead, so code walking a tree never runs out of stack.
inline constexpr int kMaxTreeDepth = 10000;

// Parses `text` (one or more SQL statements) with PostgreSQL's own parser.
// Returns the parse tree as JSON (libpg_query's format), or the error: a
// syntax error, a tree deeper than kMaxTreeDepth, or a text over 4 MB.
// Never crashes on deep input: a large text is parsed on a thread whose stack
// grows with the text.
struct ParseResult {
  std::optional<nlohmann::json> tree;
  std::optional<SyntaxError> error;

  bool ok() const { return tree.has_value(); }
};
ParseResult parse(std::string_view text);

// Returns the syntax error of `text`, if any.
std::optional<SyntaxError> check_syntax(std::string_view text);

// Checks that `expression` is one valid SQL scalar expression (as a DEFAULT or
// CHECK holds). The error position is relative to the expression.
std::optional<SyntaxError> check_expression(std::string_view expression);

}  // namespace strata::sql
