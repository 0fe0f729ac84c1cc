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

TEST(FindUnsafeCharacter, AcceptsOrdinaryNamesInAnyScript) {
  for (const char* s : {"users", "Users Table", "café", "名前", "имя", "שם", "a\"b", "a'b;--",
                        "x/*y", "$$", "a\\b", ""})
    EXPECT_FALSE(find_unsafe_character(s).has_value()) << s;
}

TEST(FindUnsafeCharacter, FindsControlLineBreakAndDirectionCharacters) {
  struct Case {
    std::string text;
    std::size_t offset;
    std::string shown;
  } cases[] = {
      {"a\nb", 1, "\\n"},
      {"a\rb", 1, "\\r"},
      {"\tx", 0, "\\t"},
      {std::string("a\0b", 3), 1, "\\x00"},
      {"x\x1b[31m", 1, "\\x1b"},
      {"x\x7f", 1, "\\x7f"},
      {"ab\u0085", 2, "\\u0085"},   // NEL, a C1 control
      {"ab\u202e", 2, "\\u202e"},   // right-to-left override
      {"ab\u2066c", 2, "\\u2066"},  // left-to-right isolate
      {"ab\u2069", 2, "\\u2069"},   // pop directional isolate
      {"ab\u200f", 2, "\\u200f"},   // right-to-left mark
      {"ab\u2028", 2, "\\u2028"},   // line separator
      {"ab\u200b", 2, "\\u200b"},   // zero-width space
      {"\ufeffab", 0, "\\ufeff"},   // byte order mark
      {"ab\xff", 2, "\\xff"},       // not UTF-8
      {"ab\xc3", 2, "\\xc3"},       // cut UTF-8
      {"ab\xc0\x80", 2, "\\xc0"},   // overlong
  };
  for (const auto& c : cases) {
    auto bad = find_unsafe_character(c.text);
    ASSERT_TRUE(bad.has_value()) << c.shown;
    EXPECT_EQ(bad->offset, c.offset) << c.shown;
    EXPECT_EQ(bad->shown, c.shown);
  }
}

TEST(Visible, EscapesOnlyUnsafeCharacters) {
  EXPECT_EQ(visible("plain name"), "plain name");
  EXPECT_EQ(visible("café 名前"), "café 名前");
  EXPECT_EQ(visible("t\nDROP TABLE x;\r\n--"), "t\\nDROP TABLE x;\\r\\n--");
  EXPECT_EQ(visible("\x1b[31mred\u202e"), "\\x1b[31mred\\u202e");
  EXPECT_EQ(visible("a\xff" "b"), "a\\xffb");
  // Whatever goes in, no control character comes out.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  all += "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
  std::string out = visible(all);
  EXPECT_FALSE(find_unsafe_character(out).has_value()) << out;
  for (char c : out) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
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
