#include "sql/text.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

TEST(Trim, RemovesWhitespaceAtBothEndsOnly) {
  struct Case {
    std::string_view in, want;
  } cases[] = {
      {"", ""},       {"   ", ""},           {"a", "a"},
      {" a ", "a"},   {"\t\r\na b\n", "a b"}, {"a  b", "a  b"},
  };
  for (const auto& c : cases) EXPECT_EQ(trim(c.in), c.want) << "input '" << c.in << "'";
}

TEST(Join, SeparatesItems) {
  EXPECT_EQ(join({}), "");
  EXPECT_EQ(join({"a"}), "a");
  EXPECT_EQ(join({"a", "", "c"}), "a, , c");
  EXPECT_EQ(join({"x", "y"}, " -> "), "x -> y");
}

}  // namespace
}  // namespace strata::sql
