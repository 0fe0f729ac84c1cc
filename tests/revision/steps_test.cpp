#include "revision/steps.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "revision/revision.h"
#include "sql/script.h"

namespace strata::revision {
namespace {

constexpr StepMode kTx = StepMode::kTransaction;
constexpr StepMode kNoTx = StepMode::kNoTransaction;

std::string error_of(std::string_view text) {
  try {
    split_steps(text, kTx, "r.up.sql");
  } catch (const LoadError& e) {
    return e.what();
  }
  return "";
}

TEST(Steps, AFileWithoutMarkersIsOneStepInTheDefaultMode) {
  std::string text = "-- strata:revision 20261130000000\n-- hazards: none\n\nCREATE TABLE t (id int);\n";
  auto steps = split_steps(text, kTx, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].mode, kTx);
  EXPECT_EQ(steps[0].sql, text);
  EXPECT_EQ(steps[0].offset, 0);
  EXPECT_EQ(steps[0].first_line, 1);
  EXPECT_EQ(steps[0].line, 4);
  EXPECT_EQ(split_steps(text, kNoTx, "f")[0].mode, kNoTx);
  EXPECT_FALSE(has_step_markers(text));
}

TEST(Steps, AFileWithOnlyCommentsHasNoStep) {
  EXPECT_TRUE(split_steps("", kTx, "f").empty());
  EXPECT_TRUE(split_steps("-- strata:down 20261130000000\n\n/* nothing */\n", kTx, "f").empty());
}

TEST(Steps, MarkersSplitTheFileInOrderAndTheHeaderIsNotAStep) {
  std::string text =
      "-- strata:revision 20261130000000\n"      // 1
      "-- strata:message  m\n"                   // 2
      "\n"                                       // 3
      "-- strata:step transaction\n"             // 4
      "ALTER TABLE t ADD COLUMN c int;\n"        // 5
      "-- strata:step no-transaction\n"          // 6
      "CREATE INDEX CONCURRENTLY i ON t (c);\n"  // 7
      "  --  strata:step   transaction  \n"      // 8
      "ALTER TABLE t VALIDATE CONSTRAINT k;\n";  // 9
  auto steps = split_steps(text, kNoTx, "f");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].mode, kTx);
  EXPECT_EQ(steps[0].line, 4);
  EXPECT_EQ(steps[0].first_line, 5);
  EXPECT_EQ(steps[0].sql, "ALTER TABLE t ADD COLUMN c int;\n");
  EXPECT_EQ(text.substr(steps[0].offset, steps[0].sql.size()), steps[0].sql);
  EXPECT_EQ(steps[1].mode, kNoTx);
  EXPECT_EQ(steps[1].line, 6);
  EXPECT_EQ(steps[1].sql, "CREATE INDEX CONCURRENTLY i ON t (c);\n");
  EXPECT_EQ(steps[2].mode, kTx);
  EXPECT_EQ(steps[2].line, 8);
  EXPECT_EQ(steps[2].first_line, 9);
  EXPECT_EQ(steps[2].sql, "ALTER TABLE t VALIDATE CONSTRAINT k;\n");
  EXPECT_TRUE(has_step_markers(text));
}

TEST(Steps, SqlBeforeTheFirstMarkerIsAStepOfTheDefaultMode) {
  std::string text = "CREATE TABLE t (id int);\n-- strata:step no-transaction\nVACUUM t;\n";
  auto steps = split_steps(text, kTx, "f");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].mode, kTx);
  EXPECT_EQ(steps[0].sql, "CREATE TABLE t (id int);\n");
  EXPECT_EQ(steps[1].mode, kNoTx);
  EXPECT_EQ(steps[1].sql, "VACUUM t;\n");
}

TEST(Steps, AMarkerInsideAStringOrFunctionBodyIsText) {
  std::string text =
      "-- strata:step transaction\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n"
      "-- strata:step no-transaction\n"
      "SELECT 1 $$;\n"
      "SELECT '\n-- strata:step bogus\n';\n";
  auto steps = split_steps(text, kTx, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].sql, text.substr(text.find('\n') + 1));
}

TEST(Steps, OtherStrataCommentsAreNotMarkers) {
  EXPECT_FALSE(has_step_markers("-- strata:steps transaction\n-- strata:stepping\nSELECT 1;\n"));
}

TEST(Steps, AnUnknownModeIsAnErrorAtItsWord) {
  std::string e = error_of("SELECT 1;\n-- strata:step autocommit\nSELECT 2;\n");
  EXPECT_NE(e.find("r.up.sql:2:16"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown step mode `autocommit`"), std::string::npos) << e;
  EXPECT_NE(e.find("`-- strata:step no-transaction`"), std::string::npos) << e;
  e = error_of("-- strata:step\nSELECT 2;\n");
  EXPECT_NE(e.find("names no mode"), std::string::npos) << e;
}

TEST(Steps, AMarkerAfterSqlOnItsLineIsAnError) {
  std::string e = error_of("SELECT 1; -- strata:step transaction\nSELECT 2;\n");
  EXPECT_NE(e.find("r.up.sql:1:11"), std::string::npos) << e;
  EXPECT_NE(e.find("on a line of its own"), std::string::npos) << e;
}

TEST(Steps, AnEmptyStepIsAnError) {
  std::string e = error_of(
      "-- strata:step transaction\nSELECT 1;\n-- strata:step no-transaction\n-- nothing\n"
      "-- strata:step transaction\nSELECT 2;\n");
  EXPECT_NE(e.find("r.up.sql:3:1: step 2 holds no statement"), std::string::npos) << e;
}

TEST(Steps, MarkersRenderAsTheyParse) {
  std::string text = step_marker(kNoTx) + "VACUUM t;\n" + step_marker(kTx) + "SELECT 1;\n";
  EXPECT_EQ(step_marker(kNoTx), "-- strata:step no-transaction\n");
  auto steps = split_steps(text, kTx, "f");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].mode, kNoTx);
  EXPECT_EQ(steps[1].mode, kTx);
}

TEST(FindComments, LineCommentsStopBeforeTheLineBreak) {
  std::string text = "SELECT 1; -- a\n/* b */ SELECT '--c';\n";
  auto comments = sql::find_comments(text);
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(text.substr(comments[0].offset, comments[0].end - comments[0].offset), "-- a");
  EXPECT_TRUE(comments[0].line);
  EXPECT_EQ(text.substr(comments[1].offset, comments[1].end - comments[1].offset), "/* b */");
  EXPECT_FALSE(comments[1].line);
}

TEST(Steps, TheFirstMarkerEndsTheHeader) {
  std::string text =
      "-- strata:revision 20261130000000\n-- strata:parent   none\n-- strata:message  m\n"
      "-- strata:step no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n";
  Revision r = parse_header(text, "f");
  EXPECT_EQ(r.id, "20261130000000");
  EXPECT_EQ(split_steps(text, kTx, "f").size(), 1u);
}

// Whether a text holds SQL, as the comment scanner of the whole text says:
// what split_steps answered before it read only the leading comments.
bool scanner_sees_sql(const std::string& text) {
  for (char c : sql::strip_comments(text))
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return true;
  return false;
}

TEST(Steps, WhetherTextHoldsSqlIsWhatTheScannerSays) {
  const std::vector<std::string> texts = {
      "",
      " \t\r\n\f\v",
      "-- a\n-- b\n",
      "-- a",
      "-- a\rSELECT 1;",
      "/* a */",
      "/* a /* nested */ still inside */\n",
      "/* a /* nested */ closed once",
      "/* open",
      "-- h\n/* open",
      "/*/ a */",
      "/**/ SELECT 1",
      "/* a **/ -- b\n",
      "/* a */*/",
      "-- x\n  ;",
      "--\n\n/*\n*/\n-",
      "- -",
      "/ *",
      "SELECT '/* not a comment'",
      "-- a\nSELECT 'unterminated",
      std::string("-- a\n\0-- b\n", 12),
      std::string("/* a\0 */", 8),
      std::string("-- a \0 b\n", 9),
      "\xef\xbb\xbf-- a byte order mark is not a blank\n",
  };
  for (const std::string& text : texts)
    EXPECT_EQ(!split_steps(text, kTx, "f").empty(), scanner_sees_sql(text)) << text;
}

TEST(Steps, TheLeadingStepsLineCountsTheLinesOfBlockComments) {
  auto steps = split_steps("/* one\n   two\n */\n\n-- three\nSELECT 1;\n", kTx, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].line, 6);
  steps = split_steps("/* a /* nested\n */ */\nSELECT 1;\n-- strata:step no-transaction\nVACUUM;\n", kTx, "f");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].line, 3);
  EXPECT_EQ(steps[0].sql, "/* a /* nested\n */ */\nSELECT 1;\n");
  // Without an end the comment is SQL for the parser to report, at its start.
  steps = split_steps("\n-- h\n/* open\n", kTx, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].line, 2);
}

TEST(Steps, ProseThatNamesTheMarkerKeyIsNoMarker) {
  std::string text = "-- a step is marked with strata:step\nSELECT 'strata:step';\n";
  auto steps = split_steps(text, kTx, "f");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].sql, text);
  EXPECT_EQ(steps[0].line, 2);
  EXPECT_FALSE(has_step_markers(text));
  EXPECT_TRUE(has_step_markers("SELECT 1;\n-- strata:step transaction\nSELECT 2;\n"));
  EXPECT_FALSE(has_step_markers("SELECT 1;\n-- strata:stepping\nSELECT 2;\n"));
}

}  // namespace
}  // namespace strata::revision
