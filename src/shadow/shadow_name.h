#pragma once

// The names of shadow databases: strata_shadow_<pid>_<unix seconds>_<8 hex>.
// The pid and time say who made one and when, so that a shadow a crashed
// `create` left behind can be recognised (see ShadowDatabase::sweep_stale);
// the random part keeps two processes with one pid (two hosts) apart.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::shadow {

inline constexpr std::string_view kNamePrefix = "strata_shadow_";

std::string make_name(long pid, std::chrono::system_clock::time_point now, std::uint32_t random);

struct NameParts {
  long pid = 0;
  std::chrono::system_clock::time_point created;
};

// The parts of a name make_name wrote; nullopt for any other name.
std::optional<NameParts> parse_name(std::string_view name);

// True when `name` is a shadow's name whose time is more than `max_age`
// before `now`. Other names are never stale.
bool older_than(std::string_view name, std::chrono::system_clock::time_point now,
                std::chrono::seconds max_age);

}  // namespace strata::shadow
