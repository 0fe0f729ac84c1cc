#include "shadow/shadow_name.h"

#include <gtest/gtest.h>

namespace strata::shadow {
namespace {

using namespace std::chrono_literals;

TEST(ShadowName, CarriesPidAndTimeAndParsesBack) {
  auto t = std::chrono::system_clock::time_point(1764500000s);
  std::string name = make_name(4242, t, 0xdeadbeef);
  EXPECT_EQ(name, "strata_shadow_4242_1764500000_deadbeef");
  EXPECT_LE(name.size(), 63u);  // PostgreSQL's identifier limit
  auto parts = parse_name(name);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->pid, 4242);
  EXPECT_EQ(parts->created, t);
}

TEST(ShadowName, OtherNamesAreNotShadows) {
  for (const char* name : {"app", "strata_shadow_", "strata_shadow_12", "strata_shadow_12_34",
                           "strata_shadow_12_34_xyzxyzxy", "strata_shadow_12_34_deadbeef_more",
                           "strata_shadow_x_34_deadbeef", "Strata_shadow_1_2_deadbeef"})
    EXPECT_FALSE(parse_name(name).has_value()) << name;
}

TEST(ShadowName, StaleOnlyWhenOlderThanTheLimit) {
  auto now = std::chrono::system_clock::time_point(1764500000s);
  EXPECT_TRUE(older_than(make_name(1, now - 3min, 1), now, 120s));
  EXPECT_FALSE(older_than(make_name(1, now - 1min, 1), now, 120s));
  EXPECT_FALSE(older_than("app_1_1_00000001", now, 0s));
}

}  // namespace
}  // namespace strata::shadow
