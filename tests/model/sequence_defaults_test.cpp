#include "model/sequence_defaults.h"

#include <gtest/gtest.h>

namespace strata::model {
namespace {

SequenceOptions opts(std::optional<std::int64_t> start, std::optional<std::int64_t> increment,
                     std::optional<std::int64_t> min, std::optional<std::int64_t> max,
                     std::optional<std::int64_t> cache = std::nullopt, bool cycle = false) {
  SequenceOptions o;
  o.start = start;
  o.increment = increment;
  o.min_value = min;
  o.max_value = max;
  o.cache = cache;
  o.cycle = cycle;
  return o;
}

TEST(SequenceDefaults, DefaultsBecomeEmpty) {
  const auto none = std::nullopt;
  EXPECT_EQ(normalize_sequence_options("bigint", opts(1, 1, 1, INT64_MAX, 1)), SequenceOptions{});
  EXPECT_EQ(normalize_sequence_options("integer", opts(none, none, none, 2147483647)),
            SequenceOptions{});
  EXPECT_EQ(normalize_sequence_options("serial", opts(none, none, none, 2147483647)),
            SequenceOptions{});
  EXPECT_EQ(normalize_sequence_options("smallint", opts(-1, -1, -32768, -1)),
            opts(none, -1, none, none));
  // A bigint maximum is not the default of an integer sequence.
  EXPECT_EQ(normalize_sequence_options("integer", opts(none, none, none, 5)),
            opts(none, none, none, 5));
  EXPECT_EQ(normalize_sequence_options("bigint", opts(1000, 1, none, none, 10, true)),
            opts(1000, none, none, none, 10, true));
}

TEST(SequenceDefaults, StartFollowsMinOrMaxLikePostgres) {
  const auto none = std::nullopt;
  EXPECT_EQ(normalize_sequence_options("bigint", opts(none, none, 5, none)),
            opts(5, none, 5, none));
  EXPECT_EQ(normalize_sequence_options("bigint", opts(none, -2, none, 100)),
            opts(100, -2, none, 100));
}

TEST(SequenceDefaults, Errors) {
  const auto none = std::nullopt;
  EXPECT_FALSE(sequence_options_error("bigint", opts(5, 2, 1, 10)));
  EXPECT_EQ(sequence_options_error("bigint", opts(none, 0, none, none)),
            "increment must not be zero");
  EXPECT_EQ(sequence_options_error("smallint", opts(none, none, none, 40000)),
            "max 40000 is out of range for type smallint (-32768 to 32767); use a value in "
            "range or a wider type");
  EXPECT_EQ(sequence_options_error("bigint", opts(none, none, 10, 5)),
            "min (10) must be less than max (5); raise max or lower min");
  EXPECT_EQ(sequence_options_error("bigint", opts(1, none, 5, none)),
            "start (1) cannot be less than min (5); raise start or lower min");
  EXPECT_EQ(sequence_options_error("integer", opts(100, none, none, 50)),
            "start (100) cannot be greater than max (50); lower start or raise max");
  EXPECT_EQ(sequence_options_error("integer", opts(none, none, none, none, 0)),
            "cache must be at least 1");
}

}  // namespace
}  // namespace strata::model
