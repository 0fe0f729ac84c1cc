#include "sql/operator_name.h"

#include "sql/quote.h"
#include "sql/text.h"

namespace strata::sql {
namespace {

constexpr std::string_view kOperatorChars = "+-*/<>=~!@#%^&|`?";
constexpr std::string_view kSpecialChars = "~!@#%^&|`?";
constexpr std::size_t kMaxOperatorBytes = 63;

bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

bool valid_operator(std::string_view op, std::string* error) {
  if (op.empty()) return fail(error, "the operator is empty");
  if (op.size() > kMaxOperatorBytes)
    return fail(error, "an operator has at most 63 characters");
  for (char c : op)
    if (kOperatorChars.find(c) == std::string_view::npos)
      return fail(error, "an operator is made of the characters + - * / < > = ~ ! @ # % ^ & | ` ? "
                         "only");
  if (op.find("--") != std::string_view::npos || op.find("/*") != std::string_view::npos)
    return fail(error, "an operator cannot contain -- or /* (they start a comment)");
  if (op.size() > 1 && (op.back() == '+' || op.back() == '-') &&
      op.find_first_of(kSpecialChars) == std::string_view::npos)
    return fail(error, "an operator of several characters cannot end in + or - unless it holds "
                       "one of ~ ! @ # % ^ & | ` ?");
  return true;
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// Reads a plain (folded to lower case) or double-quoted identifier at the
// start of `s`, advancing it. False when there is none.
bool read_identifier(std::string_view& s, std::string& out) {
  out.clear();
  if (!s.empty() && s.front() == '"') {
    std::size_t i = 1;
    for (;;) {
      if (i >= s.size()) return false;
      if (s[i] == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          out += '"';
          i += 2;
          continue;
        }
        break;
      }
      out += s[i++];
    }
    s.remove_prefix(i + 1);
    return !out.empty();
  }
  if (s.empty() || (s.front() >= '0' && s.front() <= '9') || s.front() == '$' ||
      !identifier_char(s.front()))
    return false;
  std::size_t i = 0;
  while (i < s.size() && identifier_char(s[i])) {
    char c = s[i++];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  s.remove_prefix(i);
  return true;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != word[i]) return false;
  }
  return true;
}

// "op" or "schema.op".
std::optional<OperatorName> qualified_operator(std::string_view s, std::string* error) {
  OperatorName out;
  if (!s.empty() && kOperatorChars.find(s.front()) == std::string_view::npos) {
    if (!read_identifier(s, out.schema) || s.empty() || s.front() != '.') {
      fail(error, "expected an operator such as && or schema.&&");
      return std::nullopt;
    }
    s.remove_prefix(1);
  }
  if (!valid_operator(s, error)) return std::nullopt;
  out.op = std::string(s);
  return out;
}

}  // namespace

std::optional<OperatorName> parse_operator(std::string_view text, std::string* error) {
  if (auto bad = find_unsafe_character(text)) {
    fail(error, "the operator contains the control character " + bad->shown);
    return std::nullopt;
  }
  std::string_view s = trim(text);
  if (starts_with_word(s, "OPERATOR") && s.size() > 8 && trim(s.substr(8)).starts_with("(")) {
    s = trim(s.substr(8));
    if (s.back() != ')') {
      fail(error, "OPERATOR( needs its closing parenthesis");
      return std::nullopt;
    }
    return qualified_operator(trim(s.substr(1, s.size() - 2)), error);
  }
  return qualified_operator(s, error);
}

std::string quote_operator(const OperatorName& name) {
  if (name.schema.empty()) return name.op;
  return "OPERATOR(" + quote_ident(name.schema) + "." + name.op + ")";
}

}  // namespace strata::sql
