#include "revision/precheck.h"

#include <algorithm>

#include "sql/parse_result.h"
#include "sql/text.h"

namespace strata::revision {

const std::vector<std::string>& precheck_kinds() {
  static const std::vector<std::string> kinds = {
      "not-null", "has-rows", "unique", "primary-key", "foreign-key",
      "check",    "cast",     "narrowing", "enum-label", "unchecked"};
  return kinds;
}

std::string format_prechecks(const std::vector<Precheck>& checks) {
  std::string out;
  for (const auto& c : checks) {
    out += "-- strata:precheck " + c.kind + " " + sql::visible(c.description) + "\n";
    std::size_t start = 0;
    while (start < c.sql.size()) {
      std::size_t nl = c.sql.find('\n', start);
      std::size_t end = nl == std::string::npos ? c.sql.size() : nl;
      out += "-- strata:precheck-sql " + c.sql.substr(start, end - start) + "\n";
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return out;
}

void PrecheckReader::on_check(std::string_view value, const Location& at,
                              std::vector<Diagnostic>& diags) {
  close(diags);
  value = sql::trim(value);
  std::size_t space = value.find_first_of(" \t");
  std::string kind(value.substr(0, space));
  std::string description(space == std::string_view::npos ? std::string_view()
                                                           : sql::trim(value.substr(space)));
  const auto& kinds = precheck_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    diags.push_back({at, "unknown pre-check kind '" + sql::visible(kind) +
                             "'; write `-- strata:precheck KIND DESCRIPTION` with KIND one of " +
                             sql::join(kinds)});
  else if (description.empty())
    diags.push_back({at, "`strata:precheck " + kind +
                             "` needs a description after the kind: what rows it looks for"});
  checks_.push_back({kind, description, ""});
  open_at_ = at;
  open_ = true;
}

void PrecheckReader::on_sql(std::string_view raw_sql, const Location& at,
                            std::vector<Diagnostic>& diags) {
  if (!open_) {
    diags.push_back({at, "`strata:precheck-sql` without a `strata:precheck KIND DESCRIPTION` "
                         "line before it; start the check with one"});
    return;
  }
  Precheck& c = checks_.back();
  if (c.kind == "unchecked") {
    diags.push_back({at, "a pre-check of kind `unchecked` is a note and has no query; remove "
                         "the `strata:precheck-sql` line or give the check another kind"});
    return;
  }
  if (!c.sql.empty()) c.sql += "\n";
  c.sql += raw_sql;
}

void PrecheckReader::close(std::vector<Diagnostic>& diags) {
  if (!open_) return;
  open_ = false;
  const Precheck& c = checks_.back();
  if (c.kind == "unchecked") return;
  if (sql::trim(c.sql).empty()) {
    diags.push_back({open_at_, "pre-check `" + c.kind +
                                   "` has no query; follow it with `-- strata:precheck-sql "
                                   "SELECT ...` lines (or make it kind `unchecked`)"});
    return;
  }
  sql::ParseResult parsed = sql::parse(c.sql);
  if (!parsed.ok()) {
    diags.push_back({open_at_, "the query of pre-check `" + c.kind +
                                   "` does not parse: " + parsed.error->message});
    return;
  }
  const auto& stmts = (*parsed.tree)["stmts"];
  bool one_select = stmts.is_array() && stmts.size() == 1 && stmts[0].contains("stmt") &&
                    stmts[0]["stmt"].contains("SelectStmt") &&
                    !stmts[0]["stmt"]["SelectStmt"].contains("intoClause");
  if (!one_select)
    diags.push_back({open_at_, "the query of pre-check `" + c.kind +
                                   "` must be exactly one SELECT statement (it runs in a "
                                   "read-only transaction; its first column names a failing row)"});
}

std::vector<Precheck> PrecheckReader::finish(std::vector<Diagnostic>& diags) {
  close(diags);
  return std::move(checks_);
}

}  // namespace strata::revision
