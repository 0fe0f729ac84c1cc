#include "sql/parse_result.h"

#include <pg_query.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sql/parser_stack.h"
#include "sql/text.h"

namespace strata::sql {
namespace {

// What libpg_query returned, copied out of its memory.
struct RawParse {
  std::string tree;
  std::optional<SyntaxError> error;
};

RawParse raw_parse(const std::string& text) {
  PgQueryParseResult r = pg_query_parse(text.c_str());
  RawParse out;
  if (r.error)
    out.error = SyntaxError{r.error->message ? r.error->message : "syntax error",
                            r.error->cursorpos > 0 ? r.error->cursorpos - 1 : -1};
  else
    out.tree = r.parse_tree ? r.parse_tree : "{}";
  pg_query_free_parse_result(r);
  return out;
}

// libpg_query 15's JSON output writes an Integer node only when its value is
// positive, so `-5` and `0` both arrive as "ival": {}. Every such A_Const
// carries the location of its text: read the value back from there (a folded
// negative number starts at its '-'; parentheses may sit in between).
void repair_integer_constant(nlohmann::json& node, std::string_view text) {
  auto c = node.find("A_Const");
  if (c == node.end() || !c->is_object()) return;
  auto iv = c->find("ival");
  auto loc = c->find("location");
  if (iv == c->end() || !iv->is_object() || iv->contains("ival") || loc == c->end() ||
      !loc->is_number_integer())
    return;
  std::size_t i = loc->get<std::size_t>();
  bool negative = false;
  while (i < text.size() && (text[i] == '-' || text[i] == '(' || text[i] == ' ' ||
                             text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    if (text[i] == '-') negative = !negative;
    ++i;
  }
  long long value = 0;
  std::size_t digits = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits < 18)
    value = value * 10 + (text[i++] - '0');
  if (value != 0) {
    (*iv)["ival"] = negative ? -value : value;
  } else if (i == digits) {
    // Not read back (a comment between sign and digits): keep the text,
    // so this constant never passes for zero.
    // Cut where a character starts: the tree holds UTF-8 only, or dumping
    // it throws.
    std::size_t from = std::min(loc->get<std::size_t>(), text.size());
    std::string_view kept = text.substr(from, 40);
    std::size_t end = kept.size();
    if (end < text.size() - from)
      while (end > 0 && (static_cast<unsigned char>(kept[end]) & 0xC0) == 0x80) --end;
    (*iv)["text"] = std::string(kept.substr(0, end));
  }
}

// Every object of the tree, visited with an explicit stack: no recursion,
// whatever the depth (parse() bounds it anyway). for_each_object (tree_walk.h)
// walks a const tree; this one changes what it visits.
void repair_integer_constants(nlohmann::json& root, std::string_view text) {
  std::vector<nlohmann::json*> stack{&root};
  while (!stack.empty()) {
    nlohmann::json* node = stack.back();
    stack.pop_back();
    if (node->is_object()) repair_integer_constant(*node, text);
    if (node->is_structured())
      for (auto& child : *node) stack.push_back(&child);
  }
}

// The nesting depth of the JSON text (objects and arrays), read without
// building it; strings are skipped.
int json_depth(std::string_view json) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

// Past this size a text is not parsed at all.
constexpr std::size_t kMaxParseBytes = 4 * 1024 * 1024;

}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult out;
  if (text.size() > kMaxParseBytes) {
    out.error = SyntaxError{"the text is too large to check (" + std::to_string(text.size()) +
                                " bytes in one statement or expression; at most " +
                                std::to_string(kMaxParseBytes) + ")",
                            0};
    return out;
  }
  // libpg_query reads a C string and copies bytes into its JSON unchecked.
  if (auto bad = find_invalid_text(text)) {
    out.error = SyntaxError{describe_invalid_byte(static_cast<unsigned char>(text[*bad])) +
                                "; SQL text must be UTF-8 without NUL bytes",
                            static_cast<int>(*bad)};
    return out;
  }
  std::string owned(text);
  RawParse raw;
  if (!run_with_parser_stack(owned.size(), [&] { raw = raw_parse(owned); })) {
    out.error = SyntaxError{"the text is too large to check (no memory for its parser)", 0};
    return out;
  }
  if (raw.error) {
    out.error = raw.error;
    return out;
  }
  const std::string& tree = raw.tree;
  if (json_depth(tree) > kMaxTreeDepth) {
    out.error = SyntaxError{"nested too deeply to check (its parse tree has more than " +
                                std::to_string(kMaxTreeDepth) +
                                " levels); write it as several simpler parts",
                            0};
    return out;
  }
  try {
    out.tree = nlohmann::json::parse(tree);
  } catch (const nlohmann::json::exception& e) {
    out.error = SyntaxError{std::string("cannot read the parse tree: ") + e.what(), -1};
    return out;
  }
  repair_integer_constants(*out.tree, text);
  return out;
}

std::optional<SyntaxError> check_syntax(std::string_view text) { return parse(text).error; }

static std::optional<SyntaxError> check_expression_uncached(std::string_view expression) {
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
  // One statement, a SELECT of exactly one value and nothing else: "1), (2"
  // or "1) FROM t WHERE (true" parse too, but are not one expression.
  const auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1)
    return SyntaxError{"expected one expression", 0};
  const auto& stmt = stmts[0].value("stmt", nlohmann::json::object());
  auto select = stmt.find("SelectStmt");
  if (select == stmt.end() || !select->is_object() || select->size() != 3 ||
      !select->contains("targetList") || (*select)["targetList"].size() != 1)
    return SyntaxError{"expected one expression (does a parenthesis close before its end?)", 0};
  return std::nullopt;
}

std::optional<SyntaxError> check_expression(std::string_view expression) {
  // Pure in its text: models repeat the same expressions on many tables, so
  // each is worked out once per thread. Bounded.
  // Only short texts are kept: the cache stays small whatever the input.
  if (expression.size() > 1024) return check_expression_uncached(expression);
  thread_local std::unordered_map<std::string, std::optional<SyntaxError>> memo;
  std::string key = std::string(expression);
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  std::optional<SyntaxError> out = check_expression_uncached(expression);
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace strata::sql
