#include "sql/quote.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

TEST(QuoteIdent, LeavesPlainLowerCaseWordsAlone) {
  for (const char* s : {"users", "user_id", "_private", "t1", "name", "type", "comment", "value",
                        "text", "data", "key"})
    EXPECT_EQ(quote_ident(s), s) << s;
}

TEST(QuoteIdent, QuotesReservedWords) {
  EXPECT_EQ(quote_ident("user"), "\"user\"");
  EXPECT_EQ(quote_ident("order"), "\"order\"");
  EXPECT_EQ(quote_ident("select"), "\"select\"");
  EXPECT_EQ(quote_ident("table"), "\"table\"");
  EXPECT_EQ(quote_ident("between"), "\"between\"");  // column-name keyword
  EXPECT_EQ(quote_ident("left"), "\"left\"");        // type/function-name keyword
}

TEST(QuoteIdent, QuotesEverythingElseThatIsNotAPlainWord) {
  EXPECT_EQ(quote_ident("Users"), "\"Users\"");
  EXPECT_EQ(quote_ident("1st"), "\"1st\"");
  EXPECT_EQ(quote_ident("with space"), "\"with space\"");
  EXPECT_EQ(quote_ident("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_ident(""), "\"\"");
  EXPECT_EQ(quote_ident("café"), "\"café\"");
  EXPECT_EQ(quote_ident("a-b"), "\"a-b\"");
  EXPECT_EQ(quote_ident("a$b"), "\"a$b\"");
}

TEST(QuoteQualified, QuotesEachPart) {
  EXPECT_EQ(quote_qualified("public", "users"), "public.users");
  EXPECT_EQ(quote_qualified("My App", "order"), "\"My App\".\"order\"");
}

TEST(QuoteLiteral, DoublesQuotesAndEscapesBackslashes) {
  EXPECT_EQ(quote_literal("abc"), "'abc'");
  EXPECT_EQ(quote_literal(""), "''");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal("a\\b"), "E'a\\\\b'");
  EXPECT_EQ(quote_literal("ünï"), "'ünï'");
}

TEST(IsReservedKeyword, AsPostgresClassifiesWords) {
  EXPECT_TRUE(is_reserved_keyword("select"));
  EXPECT_TRUE(is_reserved_keyword("user"));
  EXPECT_TRUE(is_reserved_keyword("int"));  // column-name keyword
  EXPECT_FALSE(is_reserved_keyword("name"));
  EXPECT_FALSE(is_reserved_keyword("users"));
  EXPECT_FALSE(is_reserved_keyword(""));
}

TEST(CommentLine, IsAlwaysExactlyOneLine) {
  EXPECT_EQ(comment_line("+ table public.users"), "-- + table public.users\n");
  EXPECT_EQ(comment_line("index t_id_idx\nDROP TABLE canary.victim;\n--"),
            "-- index t_id_idx\\nDROP TABLE canary.victim;\\n--\n");
  EXPECT_EQ(comment_line("a\rb\x1b[2Jc\u202ed"), "-- a\\rb\\x1b[2Jc\\u202ed\n");
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string line = comment_line(all + "\u2028\u2029");
  EXPECT_EQ(line.find_first_of("\r\n"), line.size() - 1);
}

}  // namespace
}  // namespace strata::sql
