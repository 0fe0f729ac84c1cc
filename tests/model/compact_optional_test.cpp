#include "model/compact_optional.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "model/column.h"

namespace strata::model {
namespace {

// A model holds one Column per column of every table (88,332 at 10,000
// generated tables, twice in check and diff: the models and the catalog).
// With a std::optional per rarely set member it took 504 bytes before any
// of its strings; the bound keeps it near what its two names and its
// pointers cost.
TEST(CompactOptional, KeepsColumnSmall) {
  EXPECT_EQ(sizeof(CompactOptional<std::string>), sizeof(void*));
  EXPECT_LE(sizeof(Column), 160u);
}

TEST(CompactOptional, EmptyUntilSetAndResettable) {
  CompactOptional<std::string> x;
  EXPECT_FALSE(x);
  EXPECT_FALSE(x.has_value());
  EXPECT_EQ(x, std::nullopt);
  EXPECT_EQ(x.value_or("none"), "none");
  EXPECT_THROW(x.value(), std::bad_optional_access);
  x = "C";
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, "C");
  EXPECT_EQ(x->size(), 1u);
  EXPECT_EQ(x.value_or("none"), "C");
  x.reset();
  EXPECT_FALSE(x);
  x.emplace(3, 'a');
  EXPECT_EQ(*x, "aaa");
  x = std::nullopt;
  EXPECT_FALSE(x);
}

TEST(CompactOptional, CopiesAreIndependentValues) {
  CompactOptional<std::string> a = std::string("now()");
  CompactOptional<std::string> b = a;
  ASSERT_TRUE(b);
  *b += " + 1";
  EXPECT_EQ(*a, "now()");
  EXPECT_EQ(*b, "now() + 1");
  a = b;
  EXPECT_EQ(*a, "now() + 1");
  CompactOptional<std::string> c = std::move(a);
  EXPECT_EQ(*c, "now() + 1");
  CompactOptional<std::string> empty;
  c = empty;
  EXPECT_FALSE(c);
}

TEST(CompactOptional, ComparesValuesAsStdOptionalDoes) {
  CompactOptional<std::string> a = "x", b = "x", c = "y", none;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(a, none);
  EXPECT_EQ(none, CompactOptional<std::string>());
  EXPECT_EQ(a, std::string("x"));
  EXPECT_NE(none, std::string("x"));
  EXPECT_EQ(a, std::optional<std::string>("x"));
  EXPECT_NE(a, std::optional<std::string>());
  EXPECT_EQ(none, std::optional<std::string>());
}

TEST(CompactOptional, ConvertsToAndFromStdOptional) {
  std::optional<std::string> s = "public.mood";
  CompactOptional<std::string> a = s;
  EXPECT_EQ(*a, "public.mood");
  std::optional<std::string> back = a;
  EXPECT_EQ(back, s);
  CompactOptional<std::string> none = std::optional<std::string>();
  EXPECT_FALSE(none);
  std::optional<std::string> none_back = none;
  EXPECT_FALSE(none_back);
}

TEST(CompactOptional, ColumnsCompareByValue) {
  Column a{"amount", "numeric(12,2)"};
  a.default_expr = "0";
  a.identity = Identity{IdentityKind::kAlways, {}};
  Column b = a;
  EXPECT_EQ(a, b);
  b.identity->options.start = 10;
  EXPECT_NE(a, b);
  EXPECT_FALSE(a.identity->options.start);
  b = a;
  b.comment = "money";
  EXPECT_NE(a, b);
  b.comment.reset();
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace strata::model
