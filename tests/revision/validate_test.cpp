#include "revision/validate.h"

#include <gtest/gtest.h>

namespace strata::revision {
namespace {

TEST(ValidateScript, AcceptsValidSql) {
  EXPECT_TRUE(validate_script("-- header\nCREATE TABLE t (a int);\nALTER TABLE t ADD b text;\n",
                              "f.up.sql", true)
                  .empty());
}

TEST(ValidateScript, LocatesSyntaxErrors) {
  auto d = validate_script("-- header\nCREATE TABLE t (a int);\n\nALTER TABEL t ADD b text;\n",
                           "m/f.up.sql", true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "m/f.up.sql");
  EXPECT_EQ(d[0].where.line, 4);
  EXPECT_EQ(d[0].where.column, 7);
  EXPECT_NE(d[0].message.find("syntax error"), std::string::npos) << d[0].message;
}

TEST(ValidateScript, ReportsAnUnterminatedCommentOrANulAfterTheHeader) {
  auto d = validate_script("-- header\n\n/* never closed\nCREATE TABLE t (a int);\n", "f.up.sql", true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.line, 3);
  EXPECT_NE(d[0].message.find("unterminated /* comment"), std::string::npos) << d[0].message;
  d = validate_script(std::string("-- header\n\0-- more\n", 19), "f.up.sql", true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, (Location{"f.up.sql", 2, 1}));
  EXPECT_NE(d[0].message.find("NUL"), std::string::npos) << d[0].message;
}

TEST(ValidateScript, FlagsTransactionControlAndConcurrentIndexes) {
  auto d = validate_script("BEGIN;\nCREATE TABLE t (a int);\n  CREATE INDEX CONCURRENTLY i ON t (a);\n"
                           "COMMIT;\n",
                           "f.up.sql", true);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].where, (Location{"f.up.sql", 1, 1}));
  EXPECT_EQ(d[1].where, (Location{"f.up.sql", 3, 3}));
  EXPECT_NE(d[1].message.find("strata:no-transaction"), std::string::npos);
  EXPECT_EQ(d[2].where.line, 4);
  // Outside a transaction both are the author's business.
  EXPECT_TRUE(validate_script("CREATE INDEX CONCURRENTLY i ON t (a);\n", "f", false).empty());
}

TEST(ValidateScript, ChecksEachStepInItsMode) {
  std::string text =
      "-- strata:revision 20260101000000\n"                // 1
      "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"  // 2
      "-- strata:step no-transaction\n"                     // 3
      "CREATE INDEX CONCURRENTLY i ON t (a);\n"             // 4
      "-- strata:step transaction\n"                        // 5
      "ALTER TABLE t VALIDATE CONSTRAINT c;\n"              // 6
      "  DROP INDEX CONCURRENTLY i;\n"                      // 7
      "-- strata:step no-transaction\n"                     // 8
      "SELECT 1;\n"                                         // 9
      "COMMIT;\n";                                          // 10
  auto d = validate_script(text, "f.up.sql", true);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].where, (Location{"f.up.sql", 7, 3}));
  EXPECT_NE(d[0].message.find("cannot run inside a transaction"), std::string::npos) << d[0].message;
  EXPECT_NE(d[0].message.find("`-- strata:step no-transaction`"), std::string::npos) << d[0].message;
  EXPECT_EQ(d[1].where, (Location{"f.up.sql", 10, 1}));
  EXPECT_NE(d[1].message.find("transaction control"), std::string::npos) << d[1].message;
  // Transaction control is refused in a no-transaction file as well.
  auto nt = validate_script("CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\n", "f", false);
  ASSERT_EQ(nt.size(), 1u);
  EXPECT_EQ(nt[0].where.line, 2);
}

TEST(ValidateScript, ReportsBadMarkersAndSyntaxErrorsInStepsWhereTheyAre) {
  auto d = validate_script("SELECT 1;\n-- strata:step sometimes\nSELECT 2;\n", "f", true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where, (Location{"f", 2, 16}));
  EXPECT_NE(d[0].message.find("unknown step mode `sometimes`"), std::string::npos) << d[0].message;
  auto s = validate_script("SELECT 1;\n-- strata:step transaction\nSELECT 2;\nSELEC 3;\n", "f", true);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].where, (Location{"f", 4, 1}));
  EXPECT_NE(s[0].message.find("syntax error"), std::string::npos);
}

TEST(Validate, ChecksBothFiles) {
  Revision r;
  r.up_path = "a.up.sql";
  r.down_path = "a.down.sql";
  r.up_sql = "CREATE TABLE t (a int);";
  r.down_sql = "DROP TABLE t t;";
  auto d = validate(r);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "a.down.sql");
}

TEST(Validate, ChecksEachStepInItsModeWithLinesOfTheFile) {
  Revision r;
  r.up_path = "a.up.sql";
  r.down_path = "a.down.sql";
  r.up_sql =
      "-- strata:revision 1\n"                                         // 1
      "\n"
      "-- strata:step transaction\n"                                   // 3
      "ALTER TABLE t ADD b text;\n"
      "\n"
      "-- strata:step no-transaction\n"                                // 6
      "DROP INDEX CONCURRENTLY IF EXISTS i;\n"
      "CREATE INDEX CONCURRENTLY i ON t (a);\n"
      "\n"
      "-- strata:step transaction\n"                                   // 10
      "ALTER TABLE t VALIDATE CONSTRAINT c;\n"
      "  CREATE INDEX CONCURRENTLY j ON t (b);\n";                      // 12: in a transaction step
  r.down_sql = "-- strata:step no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS i;\n";
  auto d = validate(r);
  ASSERT_EQ(d.size(), 1u) << d[0].str();
  EXPECT_EQ(d[0].where, (Location{"a.up.sql", 12, 3}));
  EXPECT_NE(d[0].message.find("cannot run inside a transaction"), std::string::npos) << d[0].message;
  // A bad marker is reported where it is.
  r.down_sql = "-- strata:step sometimes\nSELECT 1;\n";
  d = validate(r);
  ASSERT_GE(d.size(), 2u);
  EXPECT_EQ(d.back().where.file, "a.down.sql");
  EXPECT_EQ(d.back().where.line, 1);
}

}  // namespace
}  // namespace strata::revision
