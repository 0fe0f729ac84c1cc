#pragma once

// The steps of a revision file. A revision may mix transactional steps and
// steps that must run outside a transaction (CREATE INDEX CONCURRENTLY, a
// VALIDATE CONSTRAINT that should not hold the others' locks), in order. A
// step starts at a marker line of its own:
//
//   -- strata:step transaction
//   -- strata:step no-transaction
//
// and runs to the next marker or the end of the file. Text before the first
// marker is a step only when it holds SQL (the header alone is not); it runs
// in the file's default mode (no-transaction when the up file's header says
// `-- strata:no-transaction`). A file without markers is one step, so a
// revision written before steps existed reads as it always did.
//
// A transaction step runs in one transaction; a no-transaction step runs
// statement by statement in autocommit. The applier records each finished
// step, so a rerun starts at the first unfinished one.

#include <string>
#include <string_view>
#include <vector>

namespace strata::revision {

enum class StepMode { kTransaction, kNoTransaction };

// "transaction" / "no-transaction": the marker's word.
std::string_view to_string(StepMode mode);

struct Step {
  StepMode mode = StepMode::kTransaction;
  // 1-based line of the step's marker; for a leading step without one, the
  // line of its first character of SQL.
  int line = 1;
  // The step's text: from the line after its marker (or from the start of
  // the file) up to the next marker's line. Running `sql` alone is running
  // the step; statement positions within it shift by `offset`/`first_line`.
  std::string sql;
  int offset = 0;      // 0-based byte offset of `sql` in the file
  int first_line = 1;  // 1-based line of `sql`'s first byte in the file

  bool operator==(const Step&) const = default;
};

// Splits a revision file's text into its steps. `file` names the file in
// errors. Throws LoadError (file:line:col, what, how to fix) on a marker
// with an unknown or missing mode, a marker that shares its line with SQL,
// and a step that holds no statement. Returns no step for a file that
// holds no SQL at all (an empty down file).
std::vector<Step> split_steps(std::string_view text, StepMode default_mode, const std::string& file);

// True when the text has at least one step marker.
bool has_step_markers(std::string_view text);

// The marker line that starts a step of `mode`, with its line break.
std::string step_marker(StepMode mode);

}  // namespace strata::revision
