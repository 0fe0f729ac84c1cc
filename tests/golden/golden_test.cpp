// The golden cases offline: load both models, plan without an oracle, render
// (as an online plan when the case's options.yaml says `plan: online`), and
// compare with up.sql / down.sql (and the pre-check block with
// prechecks.sql). STRATA_UPDATE_GOLDEN=1 rewrites them.
#include <cstdlib>

#include <gtest/gtest.h>

#include "codegen/render.h"
#include "diff/plan.h"
#include "golden/golden_case.h"
#include "model/hints.h"
#include "precheck/precheck.h"
#include "revision/steps.h"
#include "sql/side_effects.h"

namespace strata::golden {
namespace {

class Golden : public ::testing::TestWithParam<GoldenCase> {};

bool updating() {
  const char* v = std::getenv("STRATA_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

codegen::RenderOptions options_of(const GoldenCase& c) {
  codegen::RenderOptions o;
  o.online = c.online();
  return o;
}

TEST_P(Golden, RendersTheExpectedUpAndDown) {
  const GoldenCase& c = GetParam();
  diff::Plan p = diff::plan(c.current(), c.desired(), c.options());
  codegen::Rendered r = codegen::render(p, options_of(c));
  ASSERT_FALSE(p.empty()) << "a golden case must change something";
  if (updating()) {
    c.write("up.sql", r.up_body);
    c.write("down.sql", r.down_body);
  }
  EXPECT_EQ(r.up_body, c.read("up.sql"));
  EXPECT_EQ(r.down_body, c.read("down.sql"));
  // Byte-identical output for the same input.
  EXPECT_EQ(codegen::render(diff::plan(c.current(), c.desired(), c.options()), options_of(c)), r);
  if (c.online()) {
    // An online case exercises an online form (a down made of drops alone has none).
    EXPECT_TRUE(revision::has_step_markers(r.up_body) || revision::has_step_markers(r.down_body))
        << "no change took an online form";
  }
}

TEST_P(Golden, WritesTheExpectedPrechecks) {
  // The header block of pre-checks; a case without any has no prechecks.sql.
  const GoldenCase& c = GetParam();
  diff::Plan p = diff::plan(c.current(), c.desired(), c.options());
  std::string block = revision::format_prechecks(precheck::prechecks_for(p, c.current(), c.desired()));
  if (updating() && !block.empty()) c.write("prechecks.sql", block);
  EXPECT_EQ(block, c.read("prechecks.sql"));
}

TEST_P(Golden, EveryStatementParses) {
  const GoldenCase& c = GetParam();
  std::vector<std::string> problems;
  auto up = parsed_statements(c.read("up.sql"), problems);
  auto down = parsed_statements(c.read("down.sql"), problems);
  EXPECT_FALSE(up.empty());
  EXPECT_FALSE(down.empty());
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST_P(Golden, HoldsOnlyStatementsTheProofAccepts) {
  // create refuses to prove anything else (sql::generated_script_problem).
  const GoldenCase& c = GetParam();
  EXPECT_EQ(sql::generated_script_problem(c.read("up.sql")), std::nullopt);
  EXPECT_EQ(sql::generated_script_problem(c.read("down.sql")), std::nullopt);
}

TEST_P(Golden, EachSideAgainstItselfIsEmpty) {
  const GoldenCase& c = GetParam();
  model::Schema current = c.current();
  model::Schema desired = model::strip_hints(c.desired());
  EXPECT_TRUE(diff::plan(current, current, c.options()).empty());
  EXPECT_TRUE(diff::plan(desired, desired, c.options()).empty());
  EXPECT_TRUE(diff::plan(desired, c.desired(), c.options()).empty()) << "hints alone must not change anything";
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) { return case_name(info.param); });

TEST(GoldenCases, AtLeastSixty) { EXPECT_GE(all_cases().size(), 60u); }

}  // namespace
}  // namespace strata::golden
