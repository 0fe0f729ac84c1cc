// One set of hazard kinds: for every golden case, what the differ says of each
// change (the revision header's `hazards:` lines, the acknowledgement gate of
// `create`) and what the linter finds in the SQL rendered for that change
// (`strata lint`, check, validate) agree kind for kind, but for the
// differences listed below.
#include <algorithm>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "codegen/render.h"
#include "diff/plan.h"
#include "golden/golden_case.h"
#include "lint/linter.h"
#include "sql/quote.h"

namespace strata::golden {
namespace {

using Kinds = std::set<HazardKind>;

std::string names(const Kinds& kinds) {
  std::string out;
  for (auto k : kinds) out += (out.empty() ? "" : ", ") + std::string(kind_name(k));
  return out.empty() ? "none" : out;
}

int lines_in(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

class HazardAgreement : public ::testing::TestWithParam<GoldenCase> {};

// Where the two may differ, and why. The differ knows the types, the rows'
// constraints and the whole plan; the linter reads one statement at a time.
// Kinds the differ says and the linter cannot find in the text:
//  - may-fail: a cast, a key or a NOT NULL fails only because of the rows;
//  - data-loss of a narrowing type change, of enum labels that go, or of a
//    dropped sequence (its current value);
//  - breaks-running-code of a dropped table or column, which the linter
//    reports once, as its data-loss (the kind to acknowledge);
//  - breaks-running-code of a materialized view emptied WITH NO DATA (reads
//    fail until it is refreshed): the statement does not say what it undoes;
//  - breaks-running-code of a table that starts or stops inheriting from a
//    parent (the parent's queries read its rows, or no longer): the linter
//    has no rule for INHERIT / NO INHERIT.
// Partitions attached and detached, row-level security, policies and
// grants are no exception: both name them.
bool differ_only(HazardKind k, const diff::Change& change) {
  if (k == HazardKind::kMayFail) return true;
  if (std::holds_alternative<diff::AddInheritance>(change) || std::holds_alternative<diff::DropInheritance>(change))
    return k == HazardKind::kBreaksRunningCode;
  if (const auto* r = std::get_if<diff::RefreshMaterializedView>(&change); r && !r->with_data)
    return k == HazardKind::kBreaksRunningCode;
  if (k == HazardKind::kDataLoss)
    return std::holds_alternative<diff::AlterColumn>(change) || std::holds_alternative<diff::RecreateEnum>(change) ||
           std::holds_alternative<diff::DropSequence>(change);
  if (k == HazardKind::kBreaksRunningCode)
    return std::holds_alternative<diff::DropTable>(change) || std::holds_alternative<diff::DropColumn>(change);
  return false;
}
// Kinds the linter finds and the differ rightly leaves out:
//  - breaks-running-code of a view, function or aggregate dropped only to be
//    created again in the same revision (back when it commits);
//  - rewrite of a type change PostgreSQL makes without one (varchar to text
//    or to a longer varchar): the statement does not show the old type;
//  - data-loss of a generated column an enum recreation drops and adds
//    back: its values are computed again;
//  - breaks-running-code of a restrictive policy dropped: DROP POLICY does
//    not say which kind it drops (the differ knows it shows rows, hides none).
bool linter_only(HazardKind k, const diff::Change& change) {
  if (k == HazardKind::kBreaksRunningCode) {
    if (const auto* d = std::get_if<diff::DropPolicy>(&change)) return !d->policy.permissive;
    return std::holds_alternative<diff::DropView>(change) ||
           std::holds_alternative<diff::DropFunction>(change) ||
           std::holds_alternative<diff::DropAggregate>(change);
  }
  if (k == HazardKind::kRewrite) return std::holds_alternative<diff::AlterColumn>(change);
  if (k == HazardKind::kDataLoss) {
    auto* r = std::get_if<diff::RecreateEnum>(&change);
    return r && !r->dependents.generated.empty();
  }
  return false;
}

TEST_P(HazardAgreement, DifferAndLinterNameTheSameKindsForEachChange) {
  const GoldenCase& c = GetParam();
  diff::Plan plan = diff::plan(c.current(), c.desired());
  codegen::Rendered rendered = codegen::render(plan);
  // render() joins the steps with one empty line: step i starts at starts[i].
  std::vector<int> starts;
  int line = 1;
  std::string joined;
  for (const auto& step : plan.steps) {
    starts.push_back(line);
    std::string chunk = sql::comment_line(codegen::describe(step.change));
    for (const auto& h : step.hazards)
      if (h.kind == HazardKind::kDataLoss) chunk += sql::comment_line("WARNING: data loss: " + h.detail);
    chunk += codegen::render_change(step.change);
    line += lines_in(chunk) + 1;
    joined += (joined.empty() ? "" : "\n") + chunk;
  }
  ASSERT_EQ(joined, rendered.up_body) << "the steps are no longer rendered as this test reads them";
  std::vector<Kinds> found(plan.steps.size());
  for (const auto& f : lint::lint_text(rendered.up_body, "up.sql", {})) {
    auto at = std::upper_bound(starts.begin(), starts.end(), f.line) - starts.begin() - 1;
    ASSERT_GE(at, 0);
    found[static_cast<std::size_t>(at)].insert(f.kind);
  }
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    Kinds said;
    for (const auto& h : plan.steps[i].hazards) said.insert(h.kind);
    Kinds unseen;
    for (auto k : said)
      if (!found[i].count(k) && !differ_only(k, plan.steps[i].change)) unseen.insert(k);
    Kinds unsaid;
    for (auto k : found[i])
      if (!said.count(k) && !linter_only(k, plan.steps[i].change)) unsaid.insert(k);
    EXPECT_TRUE(unseen.empty() && unsaid.empty())
        << codegen::describe(plan.steps[i].change) << ": the differ says " << names(said) << ", the linter finds "
        << names(found[i]) << "\n"
        << codegen::render_change(plan.steps[i].change);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, HazardAgreement, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) { return case_name(info.param); });

}  // namespace
}  // namespace strata::golden
