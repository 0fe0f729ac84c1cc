#include "revision/steps.h"

#include <algorithm>
#include <optional>

#include "core/error.h"
#include "sql/script.h"

namespace strata::revision {
namespace {

constexpr std::string_view kMarkerKey = "strata:step";

// Where a comment that is a step marker says what: the mode word's text and
// its column. nullopt for any other comment.
struct MarkerText {
  std::string word;
  int word_column = 0;  // 1-based, in its line
};

std::optional<MarkerText> marker_text(std::string_view comment, int comment_column) {
  if (comment.substr(0, 2) != "--") return std::nullopt;
  std::size_t i = 2;
  while (i < comment.size() && (comment[i] == ' ' || comment[i] == '\t')) ++i;
  if (comment.substr(i, kMarkerKey.size()) != kMarkerKey) return std::nullopt;
  std::size_t after = i + kMarkerKey.size();
  // `-- strata:steps` or `-- strata:stepfoo` is some other word.
  if (after < comment.size() && comment[after] != ' ' && comment[after] != '\t' &&
      comment[after] != '\r')
    return std::nullopt;
  std::size_t w = after;
  while (w < comment.size() && (comment[w] == ' ' || comment[w] == '\t')) ++w;
  std::size_t end = comment.size();
  while (end > w && (comment[end - 1] == ' ' || comment[end - 1] == '\t' || comment[end - 1] == '\r'))
    --end;
  MarkerText m;
  m.word = std::string(comment.substr(w, end - w));
  m.word_column = comment_column + static_cast<int>(w);
  return m;
}

bool has_sql(std::string_view text) { return sql::first_sql_offset(text).has_value(); }

// A marker is a line comment holding kMarkerKey: text without it has none,
// and needs no scan for comments.
bool may_hold_markers(std::string_view text) { return text.find(kMarkerKey) != std::string_view::npos; }

struct LineIndex {
  std::vector<int> starts{0};  // byte offset of each line's start
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(static_cast<int>(i + 1));
  }
  int line_of(int offset) const {  // 1-based
    int lo = 0, hi = static_cast<int>(starts.size()) - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }
  int line_start(int line) const { return starts[line - 1]; }
};

// The line of the first character of SQL in `text` (at `offset` in the
// file), or of its start when it holds none.
int first_sql_line(std::string_view text, int offset, const LineIndex& lines) {
  auto first = sql::first_sql_offset(text);
  return lines.line_of(offset + static_cast<int>(first.value_or(0)));
}

}  // namespace

std::string_view to_string(StepMode mode) {
  return mode == StepMode::kTransaction ? "transaction" : "no-transaction";
}

std::string step_marker(StepMode mode) {
  return "-- " + std::string(kMarkerKey) + " " + std::string(to_string(mode)) + "\n";
}

bool has_step_markers(std::string_view text) {
  if (!may_hold_markers(text)) return false;
  for (const sql::Comment& c : sql::find_comments(text))
    if (c.line && marker_text(text.substr(c.offset, c.end - c.offset), 1)) return true;
  return false;
}

std::vector<Step> split_steps(std::string_view text, StepMode default_mode, const std::string& file) {
  LineIndex lines(text);
  struct Marker {
    StepMode mode;
    int line;
    int line_start;  // where the marker's line starts
    int next_line_start;  // where the step's text starts
  };
  std::vector<Marker> markers;
  std::vector<Diagnostic> diags;
  const std::vector<sql::Comment> comments =
      may_hold_markers(text) ? sql::find_comments(text) : std::vector<sql::Comment>{};
  for (const sql::Comment& c : comments) {
    if (!c.line) continue;
    int line = lines.line_of(c.offset);
    int start = lines.line_start(line);
    int column = c.offset - start + 1;
    auto m = marker_text(text.substr(c.offset, c.end - c.offset), column);
    if (!m) continue;
    Location at{file, line, m->word_column};
    std::string_view before = text.substr(start, c.offset - start);
    if (before.find_first_not_of(" \t") != std::string_view::npos) {
      diags.push_back({Location{file, line, column},
                       "a `-- strata:step` marker must be on a line of its own; move it to the "
                       "start of a new line before the step's first statement"});
      continue;
    }
    StepMode mode;
    if (m->word == "transaction") {
      mode = StepMode::kTransaction;
    } else if (m->word == "no-transaction") {
      mode = StepMode::kNoTransaction;
    } else {
      diags.push_back({at, (m->word.empty() ? std::string("`-- strata:step` names no mode")
                                            : "unknown step mode `" + m->word + "`") +
                               "; write `-- strata:step transaction` or "
                               "`-- strata:step no-transaction`"});
      continue;
    }
    int next = line < static_cast<int>(lines.starts.size()) ? lines.line_start(line + 1)
                                                            : static_cast<int>(text.size());
    markers.push_back({mode, line, start, next});
  }
  std::vector<Step> steps;
  int lead_end = markers.empty() ? static_cast<int>(text.size()) : markers.front().line_start;
  std::string_view lead = text.substr(0, lead_end);
  if (has_sql(lead)) {
    Step s;
    s.mode = default_mode;
    s.sql = std::string(lead);
    s.offset = 0;
    s.first_line = 1;
    s.line = first_sql_line(lead, 0, lines);
    steps.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const Marker& m = markers[i];
    int end = i + 1 < markers.size() ? markers[i + 1].line_start : static_cast<int>(text.size());
    int begin = std::min(m.next_line_start, end);
    Step s;
    s.mode = m.mode;
    s.line = m.line;
    s.sql = std::string(text.substr(begin, end - begin));
    s.offset = begin;
    s.first_line = m.line + 1;
    if (!has_sql(s.sql)) {
      diags.push_back({Location{file, m.line, 1},
                       "step " + std::to_string(steps.size() + 1) +
                           " holds no statement; remove its `-- strata:step` line or put "
                           "the step's statements after it"});
    }
    steps.push_back(std::move(s));
  }
  if (!diags.empty()) throw LoadError(std::move(diags));
  return steps;
}

}  // namespace strata::revision
