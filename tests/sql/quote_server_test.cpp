#include <gtest/gtest.h>

#include "db/connection.h"
#include "sql/quote.h"
#include "support/test_database.h"

namespace strata::sql {
namespace {

// quote_ident() must agree with the server's quote_ident() word for word.
TEST(QuoteIdentOnServer, AgreesWithQuoteIdent) {
  const std::vector<std::string> words = {
      "user",     "order",   "select",  "table",    "group",     "from",     "where",
      "name",     "type",    "comment", "value",    "key",       "data",     "text",
      "between",  "left",    "int",     "integer",  "timestamp", "char",     "primary",
      "default",  "column",  "check",   "all",      "analyse",   "authorization",
      "collation", "current_user", "end", "window", "over",      "filter",   "position",
      "Users",    "MixedCase", "1st",   "with space", "say \"hi\"", "café",  "",
      "_ok",      "ok_1",    "a$b",     "überschrift", "x-y",     "ümlaut_ok"};
  testing::TestDatabase db;
  db::Connection conn(db.url());
  for (const auto& w : words) {
    std::string server;
    conn.session() << "SELECT quote_ident(:w)", soci::use(w), soci::into(server);
    EXPECT_EQ(quote_ident(w), server) << "word: " << w;
  }
  EXPECT_GE(words.size(), 40u);
}

// A quoted literal reads back as the original text.
TEST(QuoteIdentOnServer, LiteralsRoundTrip) {
  testing::TestDatabase db;
  db::Connection conn(db.url());
  for (std::string s : {"plain", "it's", "back\\slash", "", "ünï", "two\nlines", "'';--"}) {
    EXPECT_EQ(conn.query_value("SELECT " + quote_literal(s)), s);
    EXPECT_EQ(conn.query_value("SELECT " + quote_ident(s.empty() ? "x" : s) + " FROM (SELECT " +
                               quote_literal(s) + " AS " + quote_ident(s.empty() ? "x" : s) + ") q"),
              s);
  }
}

}  // namespace
}  // namespace strata::sql
