#include "sql/text.h"

#include <optional>
#include <string>

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

TEST(FindInvalidText, FindsTheFirstByteThatIsNotUtf8OrIsNul) {
  using namespace std::string_literals;
  struct Case {
    std::string in;
    std::optional<std::size_t> want;
  } cases[] = {
      {"", std::nullopt},
      {"plain ascii", std::nullopt},
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", std::nullopt},
      {"a\0b"s, 1},
      {"caf\xe9", 3},                 // Latin-1
      {"x\x91", 1},                   // lone continuation byte
      {"\xc0\xaf", 0},                // overlong '/'
      {"\xe0\x80\xaf", 0},            // overlong, three bytes
      {"\xed\xa0\x80", 0},            // surrogate
      {"\xf4\x90\x80\x80", 0},        // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},
      {"ab\xe2\x82", 2},              // cut short
      {"\xe2\x28\xa1", 0},            // bad continuation
  };
  for (const auto& c : cases) EXPECT_EQ(find_invalid_text(c.in), c.want) << "input '" << c.in << "'";
}

TEST(DescribeInvalidByte, NamesTheByte) {
  EXPECT_EQ(describe_invalid_byte(0), "a NUL byte");
  EXPECT_EQ(describe_invalid_byte(0xe9), "byte 0xE9, which is not UTF-8");
}

}  // namespace
}  // namespace strata::sql
