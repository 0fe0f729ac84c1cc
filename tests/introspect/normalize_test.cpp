#include "introspect/normalize.h"

#include <gtest/gtest.h>

namespace strata::introspect {
namespace {

TEST(Normalize, SequenceOptionsAtTheTypesDefaultsAreEmpty) {
  EXPECT_EQ(sequence_options("bigint", 1, 1, 1, INT64_MAX, 1, false), model::SequenceOptions{});
  EXPECT_EQ(sequence_options("integer", 1, 1, 1, 2147483647, 1, false), model::SequenceOptions{});
  EXPECT_EQ(sequence_options("smallint", -1, -1, -32768, -1, 1, false).increment, -1);
  model::SequenceOptions down = sequence_options("smallint", -1, -1, -32768, -1, 1, false);
  down.increment.reset();
  EXPECT_EQ(down, model::SequenceOptions{});
  model::SequenceOptions odd = sequence_options("integer", 7, 1, 5, 2147483647, 20, true);
  EXPECT_EQ(odd.start, 7);
  EXPECT_EQ(odd.min_value, 5);
  EXPECT_FALSE(odd.max_value);
  EXPECT_EQ(odd.cache, 20);
  EXPECT_TRUE(odd.cycle);
  // The max of a smaller type is not the default of a bigger one.
  EXPECT_EQ(sequence_options("bigint", 1, 1, 1, 2147483647, 1, false).max_value, 2147483647);
}

TEST(Normalize, CheckBody) {
  EXPECT_EQ(check_body("CHECK (a > 0)"), "a > 0");
  EXPECT_EQ(check_body("CHECK (a > 0) NO INHERIT"), "a > 0");
  EXPECT_EQ(check_body("CHECK ((a > 0) OR (b < 1)) NOT VALID"), "(a > 0) OR (b < 1)");
  EXPECT_EQ(check_body("CHECK (c < 10) NO INHERIT NOT VALID"), "c < 10");
}

TEST(Normalize, StripOuterParens) {
  EXPECT_EQ(strip_outer_parens("(a + b)"), "a + b");
  EXPECT_EQ(strip_outer_parens("(a) + (b)"), "(a) + (b)");
  EXPECT_EQ(strip_outer_parens("lower(a)"), "lower(a)");
  EXPECT_EQ(strip_outer_parens("(a || ')')"), "a || ')'");
  EXPECT_EQ(strip_outer_parens("(\"x)\" || '(')"), "\"x)\" || '('");
}

TEST(Normalize, ViewQuery) {
  EXPECT_EQ(view_query(" SELECT 1;"), "SELECT 1");
  EXPECT_EQ(view_query(" SELECT t.a\n   FROM t;\n"), "SELECT t.a\n   FROM t");
}

TEST(Normalize, TextArrayLiteral) {
  EXPECT_EQ(text_array_literal({}), "{}");
  EXPECT_EQ(text_array_literal({"public", "a\"b", "c\\d", "e,f"}),
            "{\"public\",\"a\\\"b\",\"c\\\\d\",\"e,f\"}");
}

TEST(Normalize, SerialSequenceName) {
  EXPECT_EQ(serial_sequence_name("users", "id"), "users_id_seq");
  std::string long_table(60, 't');
  EXPECT_EQ(serial_sequence_name(long_table, "id"), std::string(56, 't') + "_id_seq");
  std::string a(40, 'a'), b(40, 'b');
  EXPECT_EQ(serial_sequence_name(a, b), std::string(29, 'a') + "_" + std::string(29, 'b') + "_seq");
  // A multibyte character is never cut in half: 28 'x' + "é" (2 bytes) keeps 28 bytes.
  std::string accented = std::string(28, 'x') + "\xC3\xA9" + std::string(20, 'y');
  EXPECT_EQ(serial_sequence_name(accented, b).size(), 28 + 1 + 29 + 4);
  EXPECT_EQ(serial_type_for("integer"), "serial");
  EXPECT_EQ(serial_type_for("bigint"), "bigserial");
  EXPECT_EQ(serial_type_for("smallint"), "smallserial");
  EXPECT_EQ(serial_type_for("numeric"), "");
}

}  // namespace
}  // namespace strata::introspect
