#include "model/function.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "model/type_name.h"
#include "sql/quote.h"
#include "sql/text.h"
#include "sql/type_name.h"

namespace strata::model {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::set<std::string>& pseudo_types() {
  static const std::set<std::string> names = {
      "any",           "anyelement",        "anyarray",           "anynonarray",
      "anyenum",       "anyrange",          "anymultirange",      "anycompatible",
      "anycompatiblearray", "anycompatiblenonarray", "anycompatiblerange",
      "anycompatiblemultirange", "cstring", "internal",          "language_handler",
      "fdw_handler",   "table_am_handler",  "index_am_handler",   "tsm_handler",
      "record",        "trigger",           "event_trigger",      "pg_ddl_command",
      "void",          "unknown"};
  return names;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Position of the top-level keyword DEFAULT or of "=" in `text`, with the
// length of what to skip; npos when there is none.
std::pair<std::size_t, std::size_t> find_default(std::string_view text) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (depth == 0 && c == '=') {
      return {i, 1};
    } else if (depth == 0 && (i == 0 || !is_word_char(text[i - 1])) && i + 7 <= text.size() &&
               lower_ascii(text.substr(i, 7)) == "default" &&
               (i + 7 == text.size() || !is_word_char(text[i + 7]))) {
      return {i, 7};
    }
  }
  return {std::string_view::npos, 0};
}

// The first token of `text` (a word or a double-quoted name) and the rest.
std::pair<std::string, std::string_view> first_token(std::string_view text) {
  text = sql::trim(text);
  if (text.empty()) return {"", text};
  if (text[0] == '"') {
    std::string name;
    std::size_t i = 1;
    for (; i < text.size(); ++i) {
      if (text[i] == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          name += '"';
          ++i;
          continue;
        }
        break;
      }
      name += text[i];
    }
    return {name, text.substr(std::min(i + 1, text.size()))};
  }
  std::size_t i = 0;
  while (i < text.size() && is_word_char(text[i])) ++i;
  return {lower_ascii(text.substr(0, i)), text.substr(i)};
}

}  // namespace

std::string function_type(std::string_view spelled, std::string_view schema, std::string* error) {
  std::string text(sql::trim(spelled));
  std::string l = lower_ascii(text);
  std::string base = l;
  bool array = false;
  if (base.size() > 2 && base.ends_with("[]")) {
    base = base.substr(0, base.size() - 2);
    array = true;
  }
  if (base.starts_with("pg_catalog.")) base = base.substr(11);
  if (pseudo_types().count(base)) return base + (array ? "[]" : "");
  if (l.find("%type") != std::string::npos) {
    if (error) *error = "'" + text + "': write the type itself, not a %TYPE reference";
    return "";
  }
  TypeName t = canonical_type(text, schema);
  if (!t.ok()) {
    if (error) *error = t.error;
    return "";
  }
  if (is_serial_type(t.canonical)) {
    if (error) *error = "'" + text + "' is not a type a function argument can have";
    return "";
  }
  return strip_type_modifiers(t.canonical);
}

std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.emplace_back(sql::trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  std::string last(sql::trim(text.substr(start)));
  if (!last.empty() || !out.empty()) out.push_back(last);
  return out;
}

std::optional<FunctionArgument> parse_function_argument(std::string_view text,
                                                        std::string_view schema,
                                                        std::string* error) {
  FunctionArgument a;
  std::string_view rest = sql::trim(text);
  auto [at, skip] = find_default(rest);
  if (at != std::string_view::npos) {
    std::string expr(sql::trim(rest.substr(at + skip)));
    if (expr.empty()) {
      if (error) *error = "argument '" + std::string(text) + "' has DEFAULT without a value";
      return std::nullopt;
    }
    a.default_expr = expr;
    rest = sql::trim(rest.substr(0, at));
  }
  auto [word, after] = first_token(rest);
  std::string upper = word;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!rest.empty() && rest[0] != '"' &&
      (upper == "IN" || upper == "OUT" || upper == "INOUT" || upper == "VARIADIC") &&
      !sql::trim(after).empty()) {
    a.mode = upper == "IN" ? "" : upper;
    rest = sql::trim(after);
  }
  if (rest.empty()) {
    if (error) *error = "argument '" + std::string(text) + "' has no type";
    return std::nullopt;
  }
  // "name type" unless the whole of it is one type ("double precision").
  std::string type_text(rest);
  bool whole_is_type = sql::parse_type_name(rest).has_value() &&
                       (rest[0] != '"' || first_token(rest).second.empty());
  if (!whole_is_type) {
    auto [name, tail] = first_token(rest);
    a.name = name;
    type_text = std::string(sql::trim(tail));
    if (name.empty() || type_text.empty()) {
      if (error) *error = "argument '" + std::string(text) + "' is not [mode] [name] type";
      return std::nullopt;
    }
  }
  std::string why;
  a.type = function_type(type_text, schema, &why);
  if (a.type.empty()) {
    if (error) *error = "argument '" + std::string(text) + "': " + why;
    return std::nullopt;
  }
  return a;
}

std::string canonical_returns(std::string_view text, std::string_view schema, std::string* error) {
  std::string t(sql::trim(text));
  std::string l = lower_ascii(t);
  if (l.starts_with("setof ")) {
    std::string inner = function_type(t.substr(6), schema, error);
    return inner.empty() ? "" : "SETOF " + inner;
  }
  if (l.starts_with("table") && t.size() > 5) {
    std::string_view r = sql::trim(std::string_view(t).substr(5));
    if (r.size() >= 2 && r.front() == '(' && r.back() == ')') {
      std::string out;
      for (const auto& part : split_top_level(r.substr(1, r.size() - 2))) {
        auto a = parse_function_argument(part, schema, error);
        if (!a) return "";
        if (a->name.empty() || !a->mode.empty() || a->default_expr) {
          if (error) *error = "a column of RETURNS TABLE(...) is 'name type', not '" + part + "'";
          return "";
        }
        out += (out.empty() ? "" : ", ") + sql::quote_ident(a->name) + " " + a->type;
      }
      return "TABLE(" + out + ")";
    }
  }
  return function_type(t, schema, error);
}

std::string implied_returns(const std::vector<FunctionArgument>& arguments) {
  std::string one;
  int outs = 0;
  for (const auto& a : arguments)
    if (a.mode == "OUT" || a.mode == "INOUT") {
      ++outs;
      one = a.type;
    }
  if (outs == 0) return "";
  return outs == 1 ? one : "record";
}

std::string canonical_number(std::string_view text) {
  std::string t(sql::trim(text));
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size()) return t;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string trigger_enabled_name(char tgenabled) {
  switch (tgenabled) {
    case 'D': return "disabled";
    case 'R': return "replica";
    case 'A': return "always";
    default: return "origin";
  }
}

std::string Function::signature() const { return name + "(" + identity_arguments() + ")"; }

std::string Function::identity_arguments() const {
  std::string out;
  bool first = true;
  for (const auto& a : arguments) {
    if (a.mode == "OUT") continue;
    out += (first ? "" : ", ") + a.type;
    first = false;
  }
  return out;
}

bool Function::standard_body() const {
  if (language != "sql") return false;
  std::string l = lower_ascii(sql::trim(body));
  return l.starts_with("begin atomic") || l.starts_with("return ") || l.starts_with("return\n") ||
         l.starts_with("return(");
}

std::string Aggregate::signature() const {
  std::string out = name + "(";
  for (std::size_t i = 0; i < arguments.size(); ++i) out += (i ? ", " : "") + arguments[i];
  return out + ")";
}

}  // namespace strata::model
