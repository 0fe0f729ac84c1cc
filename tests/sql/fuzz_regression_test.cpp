// Inputs the fuzz targets of fuzz/ found, kept so the normal build checks
// them. Each must end in a value or a strata::Error, never another exception.

#include <string>

#include <gtest/gtest.h>

#include "sql/expression.h"
#include "sql/parse_result.h"
#include "sql/script.h"

namespace strata::sql {
namespace {

using namespace std::string_literals;

// Bytes that are not UTF-8 used to reach the JSON parser of the parse tree,
// which threw nlohmann::json::parse_error out of every caller.
TEST(FuzzRegression, NonUtf8TextIsASyntaxErrorAtItsByte) {
  ParseResult r = parse("SELECT 'caf\xe9';");
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->position, 11);
  EXPECT_NE(r.error->message.find("UTF-8"), std::string::npos) << r.error->message;
}

TEST(FuzzRegression, NonUtf8ExpressionComparesWithoutThrowing) {
  // The input the expression target found: an expression cut inside a
  // three-byte character.
  std::string a = "pg_catalog.low\xe2" "c || col";
  EXPECT_FALSE(same_expression(a, "lower(c) || col"));
  EXPECT_TRUE(same_expression(a, a));
  EXPECT_EQ(canonical_expression(a), "unparsed:" + a);
  EXPECT_NO_THROW(canonical_select("SELECT '\x91'"));
  EXPECT_NO_THROW(canonical_index("CREATE INDEX i ON t (\xff)"));
}

TEST(FuzzRegression, NonUtf8StatementIsNotTransactionControl) {
  EXPECT_FALSE(is_transaction_control("ALTER TABLE public.it\x91\x91 ADD a int"));
  EXPECT_FALSE(cannot_run_in_transaction("VACUUM \x91"));
}

TEST(FuzzRegression, NulByteIsASyntaxError) {
  // PostgreSQL never sees what follows a NUL (the text is a C string); the
  // parser must not pass the part before it for the whole.
  ParseResult r = parse("SELECT 1;\0DROP TABLE t;"s);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->position, 9);
  EXPECT_TRUE(check_expression("1\0 + 2"s));
}

TEST(FuzzRegression, ScriptWithNonUtf8OrNulIsAnErrorAtItsLine) {
  SplitResult r = split_script("SELECT 1;\nALTER TABLE public.it\x91\x91 ADD a int;\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->line, 2);
  EXPECT_EQ(r.error->column, 22);
  EXPECT_TRUE(r.statements.empty());
  // Before, the statements after a NUL were dropped without a word.
  r = split_script("SELECT 1;\n\0DROP TABLE t;\n"s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->line, 2);
  EXPECT_EQ(r.error->column, 1);
}

// A constant the parser folds but that cannot be read back (a comment between
// sign and digits) keeps 40 bytes of its text; cut inside "é", that text made
// dumping the canonical tree throw nlohmann::json::type_error.
TEST(FuzzRegression, KeptConstantTextIsCutAtACharacterBoundary) {
  std::string e = "0 + -/*";
  for (int i = 0; i < 30; ++i) e += "\xC3\xA9";
  e += "*/ 1";
  std::string canonical;
  ASSERT_NO_THROW(canonical = canonical_expression(e));
  EXPECT_NE(canonical.rfind("unparsed:", 0), 0u) << canonical;
  EXPECT_FALSE(same_expression(e, "0 + 0"));
  EXPECT_TRUE(same_expression(e, "0+-/*" + e.substr(7)));
}

TEST(FuzzRegression, OverlongAndSurrogateEncodingsAreRefused) {
  EXPECT_TRUE(parse("SELECT '\xc0\xaf'").error);          // overlong '/'
  EXPECT_TRUE(parse("SELECT '\xed\xa0\x80'").error);      // UTF-16 surrogate
  EXPECT_TRUE(parse("SELECT '\xf4\x90\x80\x80'").error);  // above U+10FFFF
  EXPECT_FALSE(parse("SELECT 'caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80'").error);
}

}  // namespace
}  // namespace strata::sql
