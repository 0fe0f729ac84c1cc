#include "model/sequence_defaults.h"

#include <cstdint>
#include <limits>

#include "model/type_name.h"

namespace strata::model {
namespace {

struct Range {
  std::int64_t min;
  std::int64_t max;
};

Range type_range(std::string_view type) {
  std::string base = serial_base_type(type);
  if (base == "smallint") return {-32768, 32767};
  if (base == "integer") return {std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max()};
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

struct Resolved {
  std::int64_t increment, min, max, start, default_min, default_max;
};

Resolved resolve(std::string_view type, const SequenceOptions& o) {
  Range r = type_range(type);
  Resolved x{};
  x.increment = o.increment.value_or(1);
  bool ascending = x.increment > 0;
  x.default_min = ascending ? 1 : r.min;
  x.default_max = ascending ? r.max : -1;
  x.min = o.min_value.value_or(x.default_min);
  x.max = o.max_value.value_or(x.default_max);
  x.start = o.start.value_or(ascending ? x.min : x.max);
  return x;
}

}  // namespace

SequenceOptions normalize_sequence_options(std::string_view type, SequenceOptions o) {
  Resolved x = resolve(type, o);
  bool ascending = x.increment > 0;
  SequenceOptions out;
  out.cycle = o.cycle;
  if (x.increment != 1) out.increment = x.increment;
  if (x.min != x.default_min) out.min_value = x.min;
  if (x.max != x.default_max) out.max_value = x.max;
  if (x.start != (ascending ? 1 : -1)) out.start = x.start;
  if (o.cache && *o.cache != 1) out.cache = o.cache;
  return out;
}

std::optional<std::string> sequence_options_error(std::string_view type,
                                                  const SequenceOptions& o) {
  Range r = type_range(type);
  std::string t(serial_base_type(type));
  if (o.increment && *o.increment == 0) return "increment must not be zero";
  if (o.min_value && (*o.min_value < r.min || *o.min_value > r.max))
    return "min " + std::to_string(*o.min_value) + " is out of range for type " + t + " (" +
           std::to_string(r.min) + " to " + std::to_string(r.max) + "); use a value in range or "
           "a wider type";
  if (o.max_value && (*o.max_value < r.min || *o.max_value > r.max))
    return "max " + std::to_string(*o.max_value) + " is out of range for type " + t + " (" +
           std::to_string(r.min) + " to " + std::to_string(r.max) + "); use a value in range or "
           "a wider type";
  Resolved x = resolve(type, o);
  if (x.min >= x.max)
    return "min (" + std::to_string(x.min) + ") must be less than max (" + std::to_string(x.max) +
           "); raise max or lower min";
  if (x.start < x.min)
    return "start (" + std::to_string(x.start) + ") cannot be less than min (" +
           std::to_string(x.min) + "); raise start or lower min";
  if (x.start > x.max)
    return "start (" + std::to_string(x.start) + ") cannot be greater than max (" +
           std::to_string(x.max) + "); lower start or raise max";
  if (o.cache && *o.cache < 1) return "cache must be at least 1";
  return std::nullopt;
}

}  // namespace strata::model
