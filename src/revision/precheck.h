#pragma once

// The pre-checks a revision carries: read-only queries that find the rows on
// which its up file would fail (or lose data), run by `create` as warnings
// and by `apply` as a gate before the revision starts. They are part of the
// up file's header:
//
//   -- strata:precheck not-null public.users.email gets NOT NULL: rows where it is NULL
//   -- strata:precheck-sql SELECT concat('(id)=(', r.id, ')') FROM public.users AS r
//   -- strata:precheck-sql WHERE r.email IS NULL ORDER BY r.id
//   -- strata:precheck unchecked public.t.a: the conversion given by using: cannot be checked
//
// A `strata:precheck KIND DESCRIPTION` line starts a check; the
// `strata:precheck-sql` lines after it are its query, one line of SQL each
// (joined with line breaks; the text after "precheck-sql " is kept exactly).
// The query is one SELECT whose first column names a failing row (its key);
// a check passes when it returns no row. Kind `unchecked` is a note: a change
// that can fail on existing rows but that no cheap query can judge; it has no
// query.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace strata::revision {

struct Precheck {
  std::string kind;         // one of precheck_kinds()
  std::string description;  // one line, what is checked
  std::string sql;          // the query; empty for kind "unchecked"

  bool checked() const { return !sql.empty(); }
  bool operator==(const Precheck&) const = default;
};

// not-null, has-rows, unique, primary-key, foreign-key, check, cast,
// narrowing, enum-label, unchecked.
const std::vector<std::string>& precheck_kinds();

// The header lines of `checks` (each ends with "\n"), in the format the
// parser reads back. A description is made visible on one line
// (sql::visible).
std::string format_prechecks(const std::vector<Precheck>& checks);

// Collects precheck lines while parse_header walks the header.
class PrecheckReader {
 public:
  // `value` is the text after "strata:precheck "; `raw_sql` the text after
  // "strata:precheck-sql " exactly as written.
  void on_check(std::string_view value, const Location& at, std::vector<Diagnostic>& diags);
  void on_sql(std::string_view raw_sql, const Location& at, std::vector<Diagnostic>& diags);
  // Validates the last check and returns them all.
  std::vector<Precheck> finish(std::vector<Diagnostic>& diags);

 private:
  void close(std::vector<Diagnostic>& diags);
  std::vector<Precheck> checks_;
  Location open_at_;
  bool open_ = false;
};

}  // namespace strata::revision
