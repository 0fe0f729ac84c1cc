// The loader's table of declaration places: first declaration wins, every
// key found again after the table grows, absent keys not found.

#include <string>

#include <gtest/gtest.h>

#include "model/declared_places.h"

namespace strata::model {
namespace {

TEST(DeclaredPlaces, FirstDeclarationWins) {
  DeclaredPlaces p;
  EXPECT_EQ(p.find("column\x1fpublic\x1fusers\x1fid"), nullptr);
  p.mark("column\x1fpublic\x1fusers\x1fid", {0, 3, 5});
  p.mark("column\x1fpublic\x1fusers\x1fid", {1, 9, 9});
  ASSERT_NE(p.find("column\x1fpublic\x1fusers\x1fid"), nullptr);
  EXPECT_EQ(p.find("column\x1fpublic\x1fusers\x1fid")->file, 0u);
  EXPECT_EQ(p.find("column\x1fpublic\x1fusers\x1fid")->line, 3);
  EXPECT_EQ(p.find("column\x1fpublic\x1fusers\x1fid")->column, 5);
  EXPECT_EQ(p.size(), 1u);
  // A key that is a prefix of another is a key of its own.
  EXPECT_EQ(p.find("column\x1fpublic\x1fusers"), nullptr);
  p.mark("", {2, 1, 1});
  ASSERT_NE(p.find(""), nullptr);
  EXPECT_EQ(p.find("")->file, 2u);
}

TEST(DeclaredPlaces, EveryKeyFoundAfterGrowing) {
  for (std::size_t reserved : {0u, 10u, 100000u}) {
    DeclaredPlaces p;
    p.reserve(reserved);
    const int n = 50000;
    for (int i = 0; i < n; ++i)
      p.mark("t" + std::to_string(i), {static_cast<std::uint32_t>(i % 7), i, i % 80});
    EXPECT_EQ(p.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      const DeclaredPlace* d = p.find("t" + std::to_string(i));
      ASSERT_NE(d, nullptr) << i;
      EXPECT_EQ(d->line, i);
      EXPECT_EQ(d->file, static_cast<std::uint32_t>(i % 7));
      EXPECT_EQ(d->column, i % 80);
    }
    EXPECT_EQ(p.find("t" + std::to_string(n)), nullptr);
    EXPECT_EQ(p.find("x1"), nullptr);
  }
}

}  // namespace
}  // namespace strata::model
