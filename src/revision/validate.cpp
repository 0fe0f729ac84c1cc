#include "revision/validate.h"

#include "revision/steps.h"
#include "sql/script.h"

namespace strata::revision {
namespace {

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 60) line = line.substr(0, 57) + "...";
  return line;
}

}  // namespace

std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                        bool in_transaction) {
  std::optional<sql::SplitResult> whole;
  return validate_script(script, file, in_transaction, whole);
}

std::vector<Diagnostic> validate_script(std::string_view script, const std::string& file,
                                        bool in_transaction, std::optional<sql::SplitResult>& whole) {
  whole.reset();
  std::vector<Diagnostic> out;
  std::vector<Step> steps;
  try {
    steps = split_steps(script, in_transaction ? StepMode::kTransaction : StepMode::kNoTransaction,
                        file);
  } catch (const LoadError& e) {
    return e.diagnostics();
  }
  const bool stepped = has_step_markers(script);
  const bool one_step = steps.size() == 1 && steps[0].offset == 0 && steps[0].sql.size() == script.size();
  for (const Step& step : steps) {
    // One parse gives the statements and how each stands towards a transaction.
    sql::SplitResult split = sql::analyze_script(step.sql);
    if (!split.ok()) {
      out.push_back({Location{file, split.error->line > 0 ? step.first_line + split.error->line - 1 : 0,
                              split.error->column},
                     "syntax error: " + split.error->message});
      continue;
    }
    for (const auto& st : split.statements) {
      // A step starts at a line's start, so columns are the file's.
      Location at{file, step.first_line + st.line - 1, st.column};
      if (st.transaction == sql::TransactionUse::kControl)
        out.push_back({at, "transaction control `" + first_line(st.text) +
                               "` in a revision; remove it (Strata runs each transaction step "
                               "in one transaction and each no-transaction statement on its own)"});
      else if (step.mode == StepMode::kTransaction && st.transaction == sql::TransactionUse::kOutsideOnly)
        out.push_back({at, "`" + first_line(st.text) +
                               "` cannot run inside a transaction; " +
                               (stepped ? std::string("move it into a step of its own after a "
                                                      "`-- strata:step no-transaction` line")
                                        : std::string("put a `-- strata:step no-transaction` line "
                                                      "before it (and `-- strata:step transaction` "
                                                      "before what follows), or add the header line "
                                                      "`-- strata:no-transaction`"))});
    }
    if (one_step) whole = std::move(split);
  }
  return out;
}

std::vector<Diagnostic> validate(const Revision& revision) {
  auto out = validate_script(revision.up_sql, revision.up_path.string(), !revision.no_transaction);
  auto down = validate_script(revision.down_sql, revision.down_path.string(), !revision.no_transaction);
  out.insert(out.end(), down.begin(), down.end());
  return out;
}

}  // namespace strata::revision
