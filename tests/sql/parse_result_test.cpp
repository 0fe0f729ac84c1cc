#include "sql/parse_result.h"

#include <gtest/gtest.h>

#include "sql/expression.h"
#include "sql/script.h"

namespace strata::sql {
namespace {

// "1+1+...+1" with `terms` terms: each '+' nests the tree one level deeper.
std::string sum(int terms) {
  std::string out = "1";
  for (int i = 1; i < terms; ++i) out += "+1";
  return out;
}

TEST(Parse, ModeratelyDeepExpressionsParse) {
  auto r = parse("SELECT " + sum(1000) + " - 5");
  ASSERT_TRUE(r.ok()) << r.error->message;
  // The negative constant is still read back from the text.
  EXPECT_NE(r.tree->dump().find("\"ival\":5"), std::string::npos);
  EXPECT_FALSE(check_expression(sum(2000)).has_value());
}

TEST(Parse, TooDeepATreeIsAnErrorNotACrash) {
  for (int terms : {10000, 20000}) {
    auto r = parse("SELECT " + sum(terms));
    ASSERT_FALSE(r.ok()) << terms;
    EXPECT_NE(r.error->message.find("nested too deeply"), std::string::npos) << r.error->message;
    auto e = check_expression(sum(terms));
    ASSERT_TRUE(e.has_value());
    EXPECT_NE(e->message.find("nested too deeply"), std::string::npos) << e->message;
  }
}

TEST(Parse, NestingBeyondLibpgQuerysStackIsAnErrorNotACrash) {
  // libpg_query's JSON output recurses once per level: 200,000 levels
  // overflow an 8 MB stack.
  auto r = parse("SELECT " + sum(200000));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error->message.find("nested too deeply"), std::string::npos) << r.error->message;
}

TEST(Parse, DeepParenthesesAreASyntaxError) {
  std::string text = "SELECT " + std::string(20000, '(') + "1" + std::string(20000, ')');
  auto r = parse(text);
  ASSERT_FALSE(r.ok());
}

TEST(Parse, TextOverTheLimitIsRefused) {
  std::string text = "SELECT '" + std::string(5 * 1024 * 1024, 'x') + "'";
  auto r = parse(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error->message.find("too large"), std::string::npos) << r.error->message;
}

TEST(Parse, LargeFlatStatementsParse) {
  // A long VALUES list is wide, not deep: fine however long.
  std::string text = "INSERT INTO t VALUES (0)";
  for (int i = 1; i < 20000; ++i) text += ", (" + std::to_string(i) + ")";
  auto r = parse(text);
  ASSERT_TRUE(r.ok()) << r.error->message;
}

TEST(ExpressionHelpers, DeepInputNeverCrashes) {
  std::string deep = sum(20000);
  EXPECT_EQ(canonical_expression(deep), "unparsed:" + deep);
  EXPECT_FALSE(same_expression(deep, deep + "+1"));
  EXPECT_TRUE(same_expression(deep, deep));  // byte-identical
  auto split = split_script("SELECT " + deep + ";\nSELECT 2;\n");
  ASSERT_TRUE(split.ok());
  ASSERT_EQ(split.statements.size(), 2u);
  EXPECT_FALSE(is_transaction_control(split.statements[0].text));
  EXPECT_FALSE(cannot_run_in_transaction(split.statements[0].text));
}

TEST(Parse, BytesThatAreNotUtf8AreAnErrorWithTheirOffset) {
  auto r = parse("SELECT 'caf\xe9'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->message, "byte 0xE9, which is not UTF-8; SQL text must be UTF-8 without NUL bytes");
  EXPECT_EQ(r.error->position, 11);
  EXPECT_TRUE(parse("SELECT 'café', '名前'").ok());
}

TEST(CheckExpression, RefusesTextThatIsNotExactlyOneExpression) {
  for (const char* text : {"1), (2", "1) FROM pg_class WHERE (true", "1) AS x, (2",
                           "1); SELECT (2", "1) UNION SELECT (2"})
    EXPECT_TRUE(check_expression(text).has_value()) << text;
  EXPECT_FALSE(check_expression("(a > 0) AND (b < 1)").has_value());
}

}  // namespace
}  // namespace strata::sql
