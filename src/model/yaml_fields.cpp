#include "model/yaml_fields.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "model/column_reference.h"
#include "model/default_names.h"
#include "model/suggestion.h"
#include "sql/parse_result.h"
#include "sql/text.h"

namespace strata::model {

YamlFields::YamlFields(std::string file, std::string_view text, LoadContext& ctx)
    : file_(std::move(file)), file_id_(ctx.file_index(file_)), text_(text), ctx_(ctx) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

Location YamlFields::loc(const YamlNode& n) const {
  if (n.line() < 0) return {file_, 0, 0};
  return {file_, n.line() + 1, n.column() + 1};
}

Location YamlFields::value_loc(const YamlNode& n, int offset) const {
  Location start = loc(n);
  const int pos = n.pos();
  if (pos < 0 || static_cast<size_t>(pos) >= text_.size() || offset < 0) return start;
  const std::string& value = n.scalar();
  offset = std::min<int>(offset, static_cast<int>(value.size()));
  char first = text_[pos];
  if (first == '|') {
    // Literal block: the value starts on the next line, at the block's indentation.
    size_t line = static_cast<size_t>(n.line()) + 1;
    while (line < line_starts_.size()) {
      size_t s = line_starts_[line];
      size_t e = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
      std::string_view l(text_.data() + s, e - s);
      if (l.find_first_not_of(" \t\r\n") != std::string_view::npos) break;
      ++line;
    }
    if (line >= line_starts_.size()) return start;
    size_t s = line_starts_[line];
    int indent = 0;
    while (s + indent < text_.size() && text_[s + indent] == ' ') ++indent;
    int lines_down = static_cast<int>(std::count(value.begin(), value.begin() + offset, '\n'));
    size_t last_nl = value.rfind('\n', offset > 0 ? offset - 1 : 0);
    int col = (offset > 0 && last_nl != std::string::npos && last_nl < static_cast<size_t>(offset))
                  ? offset - static_cast<int>(last_nl) - 1
                  : offset;
    return {file_, static_cast<int>(line) + 1 + lines_down, indent + col + 1};
  }
  if (value.substr(0, offset).find('\n') != std::string::npos) return start;
  int shift = (first == '"' || first == '\'') ? 1 : 0;
  if (first == '"' || first == '\'') {
    // Only exact when the source holds the value unescaped.
    std::string_view src(text_.data() + pos + 1, std::min(value.size(), text_.size() - pos - 1));
    if (src != value) return start;
  }
  return {file_, start.line, start.column + shift + offset};
}

YamlFields::Entries YamlFields::entries(const YamlNode& n, std::string_view what,
                                        std::string_view noun) {
  Entries out;
  if (!n || n.is_null()) return out;
  if (!n.is_map()) {
    error(n, std::string(what) + " must be a mapping");
    return out;
  }
  // Keys seen so far: a scan of the few keys of a column or a key's
  // mapping, a hash set for a mapping of many (the tables of a file).
  constexpr std::size_t kScanUpTo = 16;
  std::unordered_map<std::string_view, std::size_t> seen;
  out.reserve(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) {
    YamlNode key = n.key(i);
    if (!key.is_scalar()) {
      error(key, std::string(what) + ": keys must be plain names");
      continue;
    }
    const std::string& k = key.scalar();
    if (!safe_characters(key, k, noun)) continue;
    std::size_t first = out.size();
    if (n.size() <= kScanUpTo) {
      for (std::size_t j = 0; j < out.size() && first == out.size(); ++j)
        if (out[j].first == k) first = j;
    } else {
      // The keys' text lives in the document, as long as `n`.
      auto [pos, fresh] = seen.emplace(std::string_view(k), out.size());
      if (!fresh) first = pos->second;
    }
    if (first != out.size()) {
      error(key, "duplicate " + std::string(noun) + " '" + k + "' (first at " +
                     refer_to(loc(out[first].second.key), file_) + "); remove or rename one");
      continue;
    }
    out.push_back({k, Entry{key, n.value(i)}});
  }
  return out;
}

std::map<std::string, YamlFields::Entry> YamlFields::fields(
    const YamlNode& n, std::string_view what, const std::vector<std::string>& allowed) {
  std::map<std::string, Entry> out;
  for (auto& [k, e] : entries(n, what)) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      error(e.key, "unknown key '" + k + "' in " + std::string(what) + did_you_mean(k, allowed));
      continue;
    }
    out.emplace(k, e);
  }
  return out;
}

std::optional<std::string> YamlFields::string(const YamlNode& n, std::string_view what) {
  if (!n.is_scalar()) {
    error(n, std::string(what) + " must be a string");
    return std::nullopt;
  }
  return n.scalar();
}

namespace {

// A quoted scalar is a string in YAML, whatever it spells ("false", "5").
bool quoted(const YamlNode& n) { return n.quoted(); }

}  // namespace

std::optional<std::string> YamlFields::name(const YamlNode& n, std::string_view what) {
  auto s = string(n, what);
  if (!s || !safe_characters(n, *s, what)) return std::nullopt;
  return s;
}

bool YamlFields::safe_characters(const YamlNode& n, const std::string& text,
                                 std::string_view what) {
  auto bad = sql::find_unsafe_character(text);
  if (!bad) return true;
  ctx_.error(value_loc(n, static_cast<int>(bad->offset)),
             std::string(what) + " '" + sql::visible(text) + "' contains the character " +
                 bad->shown +
                 "; names may not hold control, line-break or direction-changing characters: "
                 "remove it");
  return false;
}

std::optional<bool> YamlFields::boolean(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && quoted(n)) {
    error(n, std::string(what) + " must be true or false, not the string \"" + n.scalar() +
                 "\"; remove the quotes");
    return std::nullopt;
  }
  if (n.is_scalar()) {
    const std::string& v = n.scalar();
    if (v == "true" || v == "True" || v == "TRUE") return true;
    if (v == "false" || v == "False" || v == "FALSE") return false;
  }
  error(n, std::string(what) + " must be true or false");
  return std::nullopt;
}

std::optional<std::int64_t> YamlFields::integer(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && quoted(n)) {
    error(n, std::string(what) + " must be an integer, not the string \"" + n.scalar() +
                 "\"; remove the quotes");
    return std::nullopt;
  }
  if (n.is_scalar()) {
    const std::string& v = n.scalar();
    size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
    bool digits = i < v.size() && v.size() - i <= 19 &&
                  std::all_of(v.begin() + i, v.end(),
                              [](unsigned char c) { return std::isdigit(c); });
    if (digits) {
      try {
        return std::stoll(v);
      } catch (const std::out_of_range&) {
      }
    }
  }
  error(n, std::string(what) + " must be an integer");
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlFields::string_list(const YamlNode& n,
                                                                std::string_view what) {
  if (n.is_scalar()) {
    if (!safe_characters(n, n.scalar(), what)) return std::nullopt;
    return std::vector<std::string>{n.scalar()};
  }
  if (!n.is_sequence()) {
    error(n, std::string(what) + " must be a list of names");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : n) {
    if (!item.is_scalar()) {
      error(item, std::string(what) + " must be a list of names");
      ok = false;
      continue;
    }
    if (!safe_characters(item, item.scalar(), what)) {
      ok = false;
      continue;
    }
    out.push_back(item.scalar());
  }
  if (!ok) return std::nullopt;
  return out;
}

bool YamlFields::identifier(const YamlNode& n, const std::string& name, std::string_view what) {
  if (name.empty()) {
    error(n, std::string(what) + " name is empty");
    return false;
  }
  if (!safe_characters(n, name, std::string(what) + " name")) return false;
  if (name.size() > kMaxIdentifierBytes) {
    error(n, std::string(what) + " name '" + name + "' is " + std::to_string(name.size()) +
                 " bytes long; PostgreSQL allows at most 63: shorten it");
    return false;
  }
  return true;
}

bool YamlFields::refused_call(const YamlNode& n, const std::optional<sql::RefusedCall>& call,
                              std::string_view what) {
  if (!call) return false;
  ctx_.error(value_loc(n, call->offset),
             std::string(what) + ": " + call->reason +
                 "; Strata runs model expressions on the server when it compares and proves "
                 "them, so they may not act outside the database or the transaction");
  return true;
}

bool YamlFields::expression(const YamlNode& n, const std::string& text, std::string_view what,
                            sql::ExpressionUse use) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    error(n, std::string(what) + " is empty");
    return false;
  }
  auto e = sql::check_expression(text);
  if (!e) return !refused_call(n, sql::find_refused_call(text, use), what);
  // An error at the end of the text is shown after its last visible character.
  size_t end = text.find_last_not_of(" \t\r\n") + 1;
  int pos = std::min<int>(e->position, static_cast<int>(end));
  // The parser sees the expression wrapped in "SELECT (...\n)"; keep that
  // wrapper out of the message.
  std::string message = e->message;
  for (size_t at; (at = message.find("\n)")) != std::string::npos;) message.erase(at, 2);
  bool short_text = text.size() <= 60 && text.find('\n') == std::string::npos;
  ctx_.error(value_loc(n, pos), "invalid " + std::string(what) +
                                    (short_text ? " '" + text + "'" : std::string()) + ": " +
                                    message);
  return false;
}

std::vector<std::pair<std::string, Location>> YamlFields::columns_in(
    const YamlNode& n, const std::string& text) const {
  std::vector<std::pair<std::string, Location>> out;
  for (const auto& r : column_references(text)) out.emplace_back(r.column, value_loc(n, r.offset));
  return out;
}

bool YamlFields::query(const YamlNode& n, const std::string& text, std::string_view what) {
  auto r = sql::parse(text);
  if (!r.ok()) {
    ctx_.error(value_loc(n, r.error->position),
               "invalid " + std::string(what) + ": " + r.error->message);
    return false;
  }
  const auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1 || !stmts[0]["stmt"].contains("SelectStmt")) {
    error(n, std::string(what) + " must be one SELECT statement");
    return false;
  }
  return !refused_call(n, sql::find_refused_query_call(text), what);
}

bool YamlFields::first_definition(const std::string& key, const YamlNode& at,
                                  const std::string& what) {
  Location prev = ctx_.at(key);
  if (prev.line > 0 || !prev.file.empty()) {
    error(at, "duplicate " + what + " (first defined at " + refer_to(prev, file_) +
                  "); remove or rename one");
    return false;
  }
  ctx_.mark(key, place(at));
  return true;
}

std::optional<std::string> YamlFields::renamed_from(std::map<std::string, Entry>& f) {
  if (!f.count("renamed_from")) return std::nullopt;
  return name(f["renamed_from"].value, "renamed_from");
}

void YamlFields::expect_columns(const std::string& schema, const std::string& table,
                                const YamlNode& n, const std::string& text, std::string what) {
  ExpressionColumns e{schema, table, std::move(what), columns_in(n, text)};
  if (!e.columns.empty()) ctx_.expect_columns(std::move(e));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<YamlNode> items(const YamlNode& n) {
  std::vector<YamlNode> out;
  if (n.is_sequence())
    for (const auto& i : n) out.push_back(i);
  else
    out.push_back(n);
  return out;
}

}  // namespace strata::model
