#include "revision/validate.h"

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
  std::vector<Diagnostic> out;
  // One parse gives the statements and how each stands towards a transaction.
  sql::SplitResult split = in_transaction ? sql::analyze_script(script) : sql::split_script(script);
  if (!split.ok()) {
    out.push_back({Location{file, split.error->line, split.error->column},
                   "syntax error: " + split.error->message});
    return out;
  }
  if (!in_transaction) return out;
  for (const auto& st : split.statements) {
    Location at{file, st.line, st.column};
    if (st.transaction == sql::TransactionUse::kControl)
      out.push_back({at, "transaction control `" + first_line(st.text) +
                             "` in a revision that runs in Strata's transaction; remove it "
                             "(each revision already runs in one transaction)"});
    else if (st.transaction == sql::TransactionUse::kOutsideOnly)
      out.push_back({at, "`" + first_line(st.text) +
                             "` cannot run inside a transaction; add the header line "
                             "`-- strata:no-transaction` (and keep this revision to such "
                             "statements)"});
  }
  return out;
}

std::vector<Diagnostic> validate(const Revision& revision) {
  auto out = validate_script(revision.up_sql, revision.up_path.string(), !revision.no_transaction);
  auto down =
      validate_script(revision.down_sql, revision.down_path.string(), !revision.no_transaction);
  out.insert(out.end(), down.begin(), down.end());
  return out;
}

}  // namespace strata::revision
