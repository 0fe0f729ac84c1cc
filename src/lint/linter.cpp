#include "lint/linter.h"

#include <algorithm>

#include "core/error.h"
#include "lint/statement_rules.h"
#include "sql/parse_result.h"
#include "sql/script.h"
#include "sql/text.h"

namespace strata::lint {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The 1-based byte column of `offset` in `text`.
int column_of(std::string_view text, std::size_t offset) {
  std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return static_cast<int>(nl == std::string_view::npos ? offset : offset - nl - 1) + 1;
}

}  // namespace

std::string Finding::str() const {
  return Location{file, line, column}.str() + ": " + std::string(kind_name(kind)) + ": " + message;
}

std::vector<HazardKind> allowed_kinds(std::string_view text, const std::string& file) {
  std::vector<HazardKind> out;
  std::vector<Diagnostic> diags;
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line_no;
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t i = 0;
    while (i < line.size() && is_blank(line[i])) ++i;
    if (line.substr(i, 2) != "--") break;  // the header is the leading comment block
    i += 2;
    while (i < line.size() && is_blank(line[i])) ++i;
    constexpr std::string_view kKey = "strata:allow";
    if (line.substr(i, kKey.size()) != kKey) continue;
    std::size_t after = i + kKey.size();
    if (after < line.size() && !is_blank(line[after])) continue;  // another key
    std::size_t p = after;
    bool any = false;
    while (p < line.size()) {
      while (p < line.size() && (is_blank(line[p]) || line[p] == ',')) ++p;
      if (p >= line.size()) break;
      std::size_t q = p;
      while (q < line.size() && !is_blank(line[q]) && line[q] != ',') ++q;
      std::string_view word = line.substr(p, q - p);
      any = true;
      if (auto k = parse_kind(word)) {
        if (std::find(out.begin(), out.end(), *k) == out.end()) out.push_back(*k);
      } else {
        diags.push_back({Location{file, line_no, static_cast<int>(p) + 1},
                         "unknown hazard kind '" + sql::visible(word) +
                             "' in `strata:allow`; known: " + known_kinds()});
      }
      p = q;
    }
    if (!any)
      diags.push_back({Location{file, line_no, static_cast<int>(i) + 1},
                       "`strata:allow` names no hazard kind; write e.g. `-- strata:allow "
                       "data-loss` (known: " +
                           known_kinds() + ")"});
  }
  if (!diags.empty()) throw LoadError(std::move(diags));
  return out;
}

std::vector<Finding> lint_text(std::string_view text, const std::string& file,
                               const std::vector<HazardKind>& acknowledge) {
  allowed_kinds(text, file);  // its errors come before the parser's
  // One parse in pieces gives the statements and their heads.
  sql::SplitResult split = sql::analyze_script(text);
  if (!split.ok())
    throw LoadError(Location{file, split.error->line, split.error->column},
                    "does not parse: " + split.error->message);
  return lint_analyzed(text, file, acknowledge, split);
}

std::vector<Finding> lint_analyzed(std::string_view text, const std::string& file,
                                   const std::vector<HazardKind>& acknowledge, const sql::SplitResult& analyzed) {
  std::vector<HazardKind> allowed = allowed_kinds(text, file);
  std::vector<Finding> out;
  CreatedTables created;
  // A tree is read only for a statement the rules look into.
  for (const auto& statement : analyzed.statements) {
    if (settled_by_head(statement.head, created)) continue;
    sql::ParseResult parsed = sql::parse(statement.text);
    int column = column_of(text, static_cast<std::size_t>(statement.offset));
    // The script parsed as a whole, so this is a statement whose tree is
    // too deep or too large to read back (sql::kMaxTreeDepth): PostgreSQL
    // accepts it and so does every other check; it is left unanalyzed.
    if (!parsed.ok()) continue;
    const auto& stmts = (*parsed.tree)["stmts"];
    if (!stmts.is_array()) continue;
    for (const auto& raw : stmts) {
      auto it = raw.find("stmt");
      if (it == raw.end()) continue;
      for (auto& h : hazards_of_statement(*it, created)) {
        Finding f{file, statement.line, column, h.kind, std::move(h.message), false};
        bool needs = std::find(acknowledge.begin(), acknowledge.end(), h.kind) != acknowledge.end();
        bool allows = std::find(allowed.begin(), allowed.end(), h.kind) != allowed.end();
        f.error = needs && !allows;
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace strata::lint
