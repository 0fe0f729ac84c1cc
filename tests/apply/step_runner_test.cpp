#include "apply/step_runner.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace strata::apply {
namespace {

using namespace std::chrono_literals;
using revision::StepMode;

const char* kThreeSteps =
    "-- strata:revision 20260101000000\n"      // 1
    "-- strata:parent none\n"                  // 2
    "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"  // 3
    "-- strata:step no-transaction\n"          // 4
    "DROP INDEX CONCURRENTLY IF EXISTS t_a;\n"  // 5
    "CREATE INDEX CONCURRENTLY t_a ON t (a);\n"  // 6
    "-- strata:step transaction\n"             // 7
    "  ALTER TABLE t VALIDATE CONSTRAINT c;\n";  // 8

TEST(PlanSteps, LocatesEachStatementInTheFile) {
  auto steps = plan_steps(kThreeSteps, StepMode::kTransaction, "m/a.up.sql");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].mode, StepMode::kTransaction);
  EXPECT_EQ(steps[1].mode, StepMode::kNoTransaction);
  EXPECT_EQ(steps[2].mode, StepMode::kTransaction);
  ASSERT_EQ(steps[1].statements.size(), 2u);
  EXPECT_EQ(steps[1].statements[1].line, 6);
  EXPECT_EQ(steps[1].statements[1].text, "CREATE INDEX CONCURRENTLY t_a ON t (a)");
  ASSERT_EQ(steps[2].statements.size(), 1u);
  EXPECT_EQ(steps[2].statements[0].line, 8);
  // The offset is into the whole file.
  std::string file = kThreeSteps;
  EXPECT_EQ(file.substr(static_cast<std::size_t>(steps[2].statements[0].offset), 11), "ALTER TABLE");
}

TEST(PlanSteps, RefusesWhatCannotRunInItsStepBeforeAnythingRuns) {
  std::string text =
      "CREATE TABLE t (a int);\n"
      "CREATE INDEX CONCURRENTLY t_a ON t (a);\n"
      "-- strata:step no-transaction\n"
      "COMMIT;\n";
  try {
    plan_steps(text, StepMode::kTransaction, "f.up.sql");
    FAIL() << "no error";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].where, (Location{"f.up.sql", 2, 1}));
    EXPECT_NE(e.diagnostics()[0].message.find("strata:step no-transaction"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].where, (Location{"f.up.sql", 4, 1}));
    EXPECT_NE(e.diagnostics()[1].message.find("transaction control"), std::string::npos);
  }
  // A no-transaction file may hold it.
  EXPECT_EQ(plan_steps("CREATE INDEX CONCURRENTLY t_a ON t (a);\n", StepMode::kNoTransaction, "f")
                .size(),
            1u);
  // A no-transaction step must parse; a transaction step that does not is run whole.
  EXPECT_THROW(plan_steps("-- strata:step no-transaction\nCREATE TABEL x;\n", StepMode::kTransaction, "f"),
               LoadError);
  auto whole = plan_steps("CREATE TABEL x;\n", StepMode::kTransaction, "f");
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_TRUE(whole[0].whole);
}

TEST(ResumePosition, StartsWhereTheRecordSays) {
  auto steps = plan_steps(kThreeSteps, StepMode::kTransaction, "m/a.up.sql");
  EXPECT_EQ(resume_position(steps, {0, 0}, "f"), (StepPosition{0, 0}));
  EXPECT_EQ(resume_position(steps, {1, 0}, "f"), (StepPosition{1, 0}));
  // Within the no-transaction step, after the last statement done.
  EXPECT_EQ(resume_position(steps, {1, 1}, "f"), (StepPosition{1, 1}));
  // A finished no-transaction step is a finished step.
  EXPECT_EQ(resume_position(steps, {1, 2}, "f"), (StepPosition{2, 0}));
  // Every step done, the bookkeeping not: nothing left to run but that.
  EXPECT_EQ(resume_position(steps, {3, 0}, "f"), (StepPosition{3, 0}));
}

TEST(ResumePosition, RefusesARecordTheFileDoesNotFit) {
  auto steps = plan_steps(kThreeSteps, StepMode::kTransaction, "m/a.up.sql");
  EXPECT_THROW(resume_position(steps, {4, 0}, "f"), LoadError) << "more steps than the file has";
  EXPECT_THROW(resume_position(steps, {3, 1}, "f"), LoadError);
  EXPECT_THROW(resume_position(steps, {1, 3}, "f"), LoadError) << "more statements than the step has";
  EXPECT_THROW(resume_position(steps, {0, 1}, "f"), LoadError) << "statements inside a transaction step";
  EXPECT_THROW(resume_position(steps, {-1, 0}, "f"), LoadError);
}

TEST(ResumePosition, ANoTransactionFileWithoutMarkersReadsItsOldRecord) {
  // Before steps, progress was (statements done) of the whole file: step 1.
  auto steps = plan_steps("CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);\nSELECT 1;\n",
                          StepMode::kNoTransaction, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(resume_position(steps, {0, 2}, "f"), (StepPosition{0, 2}));
  EXPECT_EQ(resume_position(steps, {0, 3}, "f"), (StepPosition{1, 0}));
}

TEST(RetryDelay, DoublesWithJitter) {
  EXPECT_EQ(retry_delay(1000ms, 1, 1.0), 1000ms);
  EXPECT_EQ(retry_delay(1000ms, 2, 1.0), 2000ms);
  EXPECT_EQ(retry_delay(1000ms, 3, 1.0), 4000ms);
  EXPECT_EQ(retry_delay(1000ms, 3, 0.75), 3000ms);
  EXPECT_EQ(retry_delay(1000ms, 1, 1.25), 1250ms);
}

}  // namespace
}  // namespace strata::apply
