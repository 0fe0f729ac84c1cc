#pragma once

// `strata lint`: the hazards of SQL text, statement by statement, each with
// its position and the safe alternative, judged against the kinds a project
// requires acknowledging and the kinds the file allows.

#include <string>
#include <string_view>
#include <vector>

#include "lint/hazard_kind.h"
#include "sql/script.h"

namespace strata::lint {

struct Finding {
  std::string file;
  int line = 0;    // 1-based line of the statement's first character
  int column = 0;  // 1-based byte column of it
  HazardKind kind = HazardKind::kDataLoss;
  std::string message;
  // True when `kind` needs acknowledging and the file does not allow it.
  bool error = false;

  // "file:line:col: kind: message".
  std::string str() const;

  bool operator==(const Finding&) const = default;
};

// The kinds a file acknowledges in its header: the `-- strata:allow KIND...`
// lines of the leading comment block (kinds separated by commas or spaces,
// any number of such lines). Throws LoadError (file:line:col) for an unknown
// kind or an allow line without one.
std::vector<HazardKind> allowed_kinds(std::string_view text, const std::string& file);

// Lints `text`, the content of `file` (used in positions only). A finding is
// an error when its kind is in `acknowledge` and the header does not allow
// it; a warning otherwise. Statements on a table created earlier in the same
// text are not flagged. A statement that parses but whose tree is too deep to
// read back (sql::kMaxTreeDepth) is skipped. Throws LoadError with the
// position when the text does not parse or its allow lines are wrong.
std::vector<Finding> lint_text(std::string_view text, const std::string& file,
                               const std::vector<HazardKind>& acknowledge);

// lint_text on a text already analyzed: `analyzed` is
// sql::analyze_script(text) and parsed. The same findings, without parsing
// the text again.
std::vector<Finding> lint_analyzed(std::string_view text, const std::string& file,
                                   const std::vector<HazardKind>& acknowledge, const sql::SplitResult& analyzed);

}  // namespace strata::lint
