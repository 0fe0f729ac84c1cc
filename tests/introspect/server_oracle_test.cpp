#include "introspect/server_oracle.h"

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include "core/error.h"
#include "db/connection.h"
#include "support/test_database.h"

namespace strata::introspect {
namespace {

using diff::ExpressionQuestion;
using Kind = ExpressionQuestion::Kind;

model::Column column(std::string name, std::string type) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

ExpressionQuestion question(Kind kind, std::string current, std::string desired,
                            std::vector<model::Column> columns = {}, std::string col = {}) {
  ExpressionQuestion q;
  q.kind = kind;
  q.table = {"public", "t"};
  q.columns = std::move(columns);
  q.column = std::move(col);
  q.current = std::move(current);
  q.desired = std::move(desired);
  return q;
}

ExpressionQuestion default_q(std::string type, std::string current, std::string desired) {
  return question(Kind::kDefault, std::move(current), std::move(desired),
                  {column("c", std::move(type))}, "c");
}

const char* kSetup = R"sql(
CREATE TYPE public.user_role AS ENUM ('admin', 'editor', 'viewer');
CREATE SEQUENCE public.s;
CREATE TABLE public.users (id bigint, email character varying(320));
)sql";

// What the catalog holds, to prove nothing is left behind.
std::string catalog_fingerprint(db::Connection& conn) {
  return conn.query_value(
      "SELECT (SELECT count(*) FROM pg_class)::text || '/' || (SELECT count(*) FROM pg_proc) "
      "|| '/' || (SELECT count(*) FROM pg_type) || '/' || (SELECT count(*) FROM pg_attrdef) "
      "|| '/' || (SELECT count(*) FROM pg_constraint) || '/' || current_setting('search_path')");
}

class ServerOracleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.execute(kSetup);
    conn_ = std::make_unique<db::Connection>(db_.url());
  }
  strata::testing::TestDatabase db_;
  std::unique_ptr<db::Connection> conn_;
};

TEST_F(ServerOracleTest, AnswersEveryKind) {
  std::vector<model::Column> cols = {column("id", "bigint"), column("email", "character varying(320)"),
                                     column("price", "numeric"), column("a", "integer"),
                                     column("b", "integer")};
  std::vector<ExpressionQuestion> qs = {
      default_q("timestamp with time zone", "now()", "now()"),
      default_q("text", "'a'::text", "'a'"),
      default_q("public.user_role", "'viewer'::public.user_role", "'viewer'::user_role"),
      default_q("bigint", "nextval('public.s'::regclass)", "nextval('s')"),
      default_q("text", "'a'::text", "'b'"),
      question(Kind::kGenerated, "a + b", "(a + b)", cols, "id"),
      question(Kind::kGenerated, "a + b", "a - b", cols, "id"),
      question(Kind::kCheck, "price > 0::numeric", "price > 0", cols),
      question(Kind::kCheck, "CHECK (price > 0::numeric)", "(price > 0)", cols),
      question(Kind::kCheck, "price > 0::numeric", "price >= 0", cols),
      question(Kind::kIndexExpression, "lower(email::text)", "lower(email)", cols),
      question(Kind::kIndexExpression, "lower(email::text)", "upper(email)", cols),
      question(Kind::kIndexPredicate, "email IS NOT NULL", "(email IS NOT NULL)", cols),
      question(Kind::kIndexPredicate, "email IS NOT NULL", "email IS NULL", cols),
      question(Kind::kView, " SELECT users.id,\n    users.email\n   FROM public.users;",
               "SELECT id, email FROM users"),
      question(Kind::kView, " SELECT users.id\n   FROM public.users;", "SELECT email FROM users"),
      // circle has no btree operator class: rendered through a gist index.
      question(Kind::kIndexExpression, "circle(p, 1::double precision)", "circle(p, 1)",
               {column("p", "point")}),
      question(Kind::kIndexExpression, "circle(p, 1::double precision)", "circle(p, 2)",
               {column("p", "point")}),
  };
  std::vector<bool> want = {true, true, true, true, false, true, false, true, true,
                            false, true, false, true, false, true, false, true, false};
  ServerOracle oracle(*conn_);
  EXPECT_EQ(oracle.same(qs), want);
}

TEST_F(ServerOracleTest, OneRoundTripAndNothingLeftBehind) {
  std::string before = catalog_fingerprint(*conn_);
  std::vector<ExpressionQuestion> qs;
  for (int i = 0; i < 40; ++i)
    qs.push_back(default_q("integer", std::to_string(i), "(" + std::to_string(i) + ")"));
  int sent = conn_->statements_sent();
  ServerOracle oracle(*conn_);
  auto answers = oracle.same(qs);
  EXPECT_EQ(conn_->statements_sent() - sent, 1);
  EXPECT_EQ(answers, std::vector<bool>(40, true));
  EXPECT_EQ(PQtransactionStatus(conn_->native()), PQTRANS_IDLE);
  EXPECT_EQ(catalog_fingerprint(*conn_), before);
  // No temporary object survives in this session either.
  EXPECT_EQ(conn_->query_value("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"), "0");
  EXPECT_EQ(conn_->query_value(
                "SELECT count(*) FROM pg_proc WHERE proname = 'strata_oracle'"), "0");
}

TEST_F(ServerOracleTest, NoQuestionsNoRoundTrip) {
  int sent = conn_->statements_sent();
  ServerOracle oracle(*conn_);
  EXPECT_TRUE(oracle.same({}).empty());
  // Questions that cannot even be built are answered without the server.
  auto answers = oracle.same({default_q("integer", "1", "1) DEFAULT (2"),
                              default_q("not a type (", "1", "1"),
                              question(Kind::kView, "SELECT 1", "DELETE FROM users")});
  EXPECT_EQ(answers, std::vector<bool>(3, false));
  EXPECT_EQ(conn_->statements_sent(), sent);
}

TEST_F(ServerOracleTest, UnrenderableQuestionsAnswerFalseAlone) {
  std::string before = catalog_fingerprint(*conn_);
  std::vector<ExpressionQuestion> qs = {
      default_q("integer", "1", "1"),
      default_q("integer", "1", "no_such_function()"),
      default_q("bigint", "nextval('public.s'::regclass)", "nextval('missing_seq')"),
      default_q("public.no_such_type", "'x'", "'x'"),
      default_q("integer", "2", "(2)"),
      default_q("integer", "1", "'not a number'"),
      question(Kind::kView, "SELECT 1", "SELECT * FROM no_such_table"),
      question(Kind::kCheck, "a > 0", "a > 0", {column("a", "integer")}),
  };
  int sent = conn_->statements_sent();
  ServerOracle oracle(*conn_);
  EXPECT_EQ(oracle.same(qs), (std::vector<bool>{true, false, false, false, true, false, false, true}));
  EXPECT_EQ(conn_->statements_sent() - sent, 1);
  EXPECT_EQ(catalog_fingerprint(*conn_), before);
  EXPECT_EQ(PQtransactionStatus(conn_->native()), PQTRANS_IDLE);
}

TEST_F(ServerOracleTest, UsesOnlyTheColumnsTheSpellingsReferTo) {
  // `later` has a type the plan has not created yet: questions that do not
  // touch it are still answered.
  std::vector<model::Column> cols = {column("price", "numeric"), column("later", "public.not_yet"),
                                     column("n", "integer")};
  ServerOracle oracle(*conn_);
  auto answers = oracle.same({
      question(Kind::kCheck, "price > 0::numeric", "price > 0", cols),
      question(Kind::kIndexPredicate, "n > 0", "(n > 0)", cols),
      question(Kind::kGenerated, "n * 2", "(n * 2)", cols, "price"),
      question(Kind::kCheck, "later IS NOT NULL", "later IS NOT NULL", cols),
      question(Kind::kCheck, "true", "TRUE", cols),
  });
  EXPECT_EQ(answers, (std::vector<bool>{true, true, true, false, true}));
}

TEST_F(ServerOracleTest, InsideTheCallersTransactionUsesASavepoint) {
  conn_->execute("BEGIN; SET LOCAL search_path = public; CREATE TABLE mine (x int)");
  std::string before = catalog_fingerprint(*conn_);
  ServerOracle oracle(*conn_);
  // A question may name a table created earlier in the same transaction.
  auto answers = oracle.same({question(Kind::kView, "SELECT x FROM mine", "SELECT mine.x FROM public.mine"),
                              default_q("integer", "1", "no_such_function()")});
  EXPECT_EQ(answers, (std::vector<bool>{true, false}));
  EXPECT_EQ(PQtransactionStatus(conn_->native()), PQTRANS_INTRANS);
  EXPECT_EQ(catalog_fingerprint(*conn_), before);  // includes search_path = public
  conn_->execute("COMMIT");
  EXPECT_EQ(conn_->query_value("SELECT to_regclass('public.mine') IS NOT NULL"), "t");
}

TEST_F(ServerOracleTest, RefusesAnAbortedTransaction) {
  conn_->execute("BEGIN");
  EXPECT_THROW(conn_->execute("SELECT 1/0"), DatabaseError);
  ServerOracle oracle(*conn_);
  EXPECT_THROW(oracle.same({default_q("integer", "1", "1")}), DatabaseError);
  conn_->execute("ROLLBACK");
}

TEST_F(ServerOracleTest, FailureInsideTheCallersTransactionLeavesItUsable) {
  // A read-only transaction refuses the scratch objects: the oracle says so
  // and rolls back to its savepoint, so the caller's transaction goes on.
  conn_->execute("BEGIN READ ONLY");
  ServerOracle oracle(*conn_);
  int sent = conn_->statements_sent();
  EXPECT_THROW(oracle.same({default_q("integer", "1", "(1)")}), DatabaseError);
  EXPECT_EQ(conn_->statements_sent() - sent, 2);  // the script, then the undo
  EXPECT_EQ(PQtransactionStatus(conn_->native()), PQTRANS_INTRANS);
  EXPECT_EQ(conn_->query_value("SELECT 40 + 2"), "42");
  conn_->execute("COMMIT");
}

TEST_F(ServerOracleTest, FailureOutsideATransactionRollsBack) {
  conn_->execute("SET default_transaction_read_only = on");
  ServerOracle oracle(*conn_);
  EXPECT_THROW(oracle.same({default_q("integer", "1", "(1)")}), DatabaseError);
  EXPECT_EQ(PQtransactionStatus(conn_->native()), PQTRANS_IDLE);
  conn_->execute("SET default_transaction_read_only = off");
  EXPECT_EQ(oracle.same({default_q("integer", "1", "(1)")}), std::vector<bool>{true});
}

TEST_F(ServerOracleTest, ResolvesDesiredNamesInTheTableSchema) {
  db_.execute("CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok', 'sad');");
  ExpressionQuestion q = default_q("app.mood", "'ok'::app.mood", "'ok'::mood");
  q.table = {"app", "t"};
  ExpressionQuestion other = q;
  other.desired = "'sad'::mood";
  ServerOracle oracle(*conn_);
  EXPECT_EQ(oracle.same({q, other}), (std::vector<bool>{true, false}));
}

TEST_F(ServerOracleTest, RepeatedQuestionsAreAskedOnceAndAnsweredEach) {
  // The same check on two tables with the same column: one scratch pair on
  // the server, both questions answered; a different spelling stays apart.
  std::vector<model::Column> cols = {column("price", "numeric")};
  auto on_table = [&](std::string table, std::string current, std::string desired) {
    auto q = question(Kind::kCheck, std::move(current), std::move(desired), cols);
    q.table = {"public", std::move(table)};
    return q;
  };
  std::vector<ExpressionQuestion> qs = {on_table("a", "price > 0::numeric", "price > 0"),
                                        on_table("b", "price > 0::numeric", "price > 0"),
                                        on_table("c", "price > 0::numeric", "price >= 0"),
                                        on_table("d", "price > 0::numeric", "price > 0")};
  ServerOracle oracle(*conn_);
  EXPECT_EQ(oracle.same(qs), (std::vector<bool>{true, true, false, true}));
}

TEST(ServerOracleScript, AsksARepeatedQuestionOnce) {
  auto count = [](const std::string& s, const std::string& what) {
    int n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  std::vector<ExpressionQuestion> qs(50, default_q("integer", "1", "(1)"));
  qs.push_back(default_q("integer", "1", "2"));
  std::string s = ServerOracle::script(qs, false);
  // Each step is one ARRAY[search_path, methods, ...] row of the call.
  EXPECT_EQ(count(s, "ARRAY['public'"), 2);
}

TEST(ServerOracleScript, ASpellingParsedOnceStillTakesEachTablesColumns) {
  // The column names of a spelling are read once for all the questions that
  // repeat it; each scratch table still gets its own table's column types.
  auto check_on = [](std::string table, std::string type) {
    ExpressionQuestion q;
    q.kind = Kind::kCheck;
    q.table = {"public", std::move(table)};
    q.columns = {column("id", "bigint"), column("price", std::move(type))};
    q.current = "price > 0::numeric";
    q.desired = "price > 0";
    return q;
  };
  std::vector<ExpressionQuestion> qs;
  for (int i = 0; i < 2000; ++i) qs.push_back(check_on("t" + std::to_string(i), i % 2 ? "integer" : "numeric"));
  std::string s = ServerOracle::script(qs, false);
  int steps = 0;
  for (auto at = s.find("ARRAY['public'"); at != std::string::npos; at = s.find("ARRAY['public'", at + 1)) ++steps;
  EXPECT_EQ(steps, 2);
  EXPECT_NE(s.find("(price numeric, CONSTRAINT"), std::string::npos);
  EXPECT_NE(s.find("(price integer, CONSTRAINT"), std::string::npos);
  EXPECT_EQ(s.find("id bigint"), std::string::npos) << "a column no spelling names stays out";
}

TEST(ServerOracleScript, IsOneTransactionThatRollsBack) {
  std::string s = ServerOracle::script({default_q("integer", "1", "2")}, false);
  EXPECT_EQ(s.rfind("BEGIN;", 0), 0u);
  EXPECT_NE(s.find("ROLLBACK;"), std::string::npos);
  EXPECT_EQ(s.find("COMMIT"), std::string::npos);
  std::string nested = ServerOracle::script({default_q("integer", "1", "2")}, true);
  EXPECT_EQ(nested.rfind("SAVEPOINT strata_oracle;", 0), 0u);
  EXPECT_NE(nested.find("ROLLBACK TO SAVEPOINT strata_oracle;"), std::string::npos);
}

}  // namespace
}  // namespace strata::introspect
