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

}  // namespace
}  // namespace strata::revision
