#include "db/connection.h"

#include <chrono>

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

TEST(Connection, ExecuteEachRunsInOrderAndStopsAtTheFirstFailure) {
  testing::TestDatabase t;
  Connection c(t.url());
  std::vector<std::string> texts = {"CREATE TABLE n (v int)"};
  for (int i = 0; i < 250; ++i) texts.push_back("INSERT INTO n VALUES (" + std::to_string(i) + ")");
  std::vector<std::string_view> all(texts.begin(), texts.end());
  int sent = c.statements_sent();
  EXPECT_FALSE(c.execute_each(all).has_value());
  EXPECT_EQ(c.statements_sent() - sent, 251);
  EXPECT_EQ(c.query_value("SELECT count(*) || '/' || max(v) FROM n"), "250/249");

  c.execute("BEGIN");
  std::vector<std::string_view> failing = {"INSERT INTO n VALUES (1000)",
                                           "SELECT nosuch FROM n", "INSERT INTO n VALUES (1001)"};
  auto failure = c.execute_each(failing);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->index, 1u);
  EXPECT_EQ(failure->error.sqlstate(), "42703");
  EXPECT_EQ(failure->error.position(), 8);
  EXPECT_EQ(failure->error.statement(), "SELECT nosuch FROM n");
  c.execute("ROLLBACK");
  // Out of pipeline mode, usable, and nothing of the failed transaction kept.
  EXPECT_EQ(c.query_value("SELECT count(*) FROM n WHERE v >= 1000"), "0");
  EXPECT_FALSE(c.execute_each({}).has_value());
}

TEST(Connection, ExecuteEachTellsWhichStatementTheServerRuns) {
  testing::TestDatabase t;
  Connection c(t.url());
  std::vector<std::string_view> texts = {"SELECT 1", "SELECT pg_sleep(1)", "SELECT 3"};
  std::vector<std::size_t> told;
  std::vector<std::chrono::steady_clock::time_point> when;
  EXPECT_FALSE(c.execute_each(texts, [&](std::size_t k) {
                  told.push_back(k);
                  when.push_back(std::chrono::steady_clock::now());
                }).has_value());
  ASSERT_EQ(told, (std::vector<std::size_t>{0, 1, 2}));
  // Statement 1 was named while it slept, not after.
  EXPECT_GE(when[2] - when[1], std::chrono::milliseconds(900));

  // Nothing is named after the statement that failed.
  told.clear();
  std::vector<std::string_view> failing = {"SELECT 1", "SELECT nosuch", "SELECT 3"};
  auto failure = c.execute_each(failing, [&](std::size_t k) { told.push_back(k); });
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(told, (std::vector<std::size_t>{0, 1}));
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
