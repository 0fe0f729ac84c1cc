#include "db/connection.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/test_database.h"

namespace strata::db {
namespace {

TEST(Connection, RunsStatementsAndQueries) {
  testing::TestDatabase t;
  Connection c(t.url());
  c.execute("CREATE TABLE a (id int); INSERT INTO a VALUES (41), (1)");
  EXPECT_EQ(c.query_value("SELECT sum(id) FROM a"), "42");
  EXPECT_EQ(c.query_value("SELECT 1 WHERE false"), "");
}

TEST(Connection, StatementErrorCarriesSqlstateAndPosition) {
  testing::TestDatabase t;
  Connection c(t.url());
  try {
    c.execute("SELECT * FROM missing_table");
    FAIL() << "expected an error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kStatement);
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_EQ(e.position(), 15);
    EXPECT_NE(std::string(e.what()).find("missing_table"), std::string::npos);
  }
}

TEST(Connection, UnreachableServerNamesHostPortAndReason) {
  try {
    Connection c("postgresql://nobody@127.0.0.1:1/postgres?connect_timeout=2");
    FAIL() << "expected an error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kUnreachable);
    std::string msg = e.what();
    EXPECT_NE(msg.find("127.0.0.1:1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("refused"), std::string::npos) << msg;
  }
}

TEST(Connection, WithDatabaseReplacesTheName) {
  EXPECT_EQ(testing::with_database("postgresql://u@h:5/postgres?sslmode=disable", "x"),
            "postgresql://u@h:5/x?sslmode=disable");
  EXPECT_EQ(testing::with_database("postgresql://u@h:5", "x"), "postgresql://u@h:5/x");
}

}  // namespace
}  // namespace strata::db
