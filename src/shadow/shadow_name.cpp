#include "shadow/shadow_name.h"

#include <charconv>
#include <cstdio>

namespace strata::shadow {
namespace {

// The decimal number at the start of `s` up to '_'; advances `s` past it.
template <typename T>
std::optional<T> take_number(std::string_view& s, int base = 10) {
  std::size_t end = s.find('_');
  std::string_view digits = s.substr(0, end);
  if (digits.empty() || digits.size() > 20) return std::nullopt;
  T value{};
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
  return value;
}

}  // namespace

std::string make_name(long pid, std::chrono::system_clock::time_point now, std::uint32_t random) {
  long long seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", random);
  return std::string(kNamePrefix) + std::to_string(pid) + "_" + std::to_string(seconds) + "_" + hex;
}

std::optional<NameParts> parse_name(std::string_view name) {
  if (!name.starts_with(kNamePrefix)) return std::nullopt;
  std::string_view rest = name.substr(kNamePrefix.size());
  auto pid = take_number<long>(rest);
  auto seconds = take_number<long long>(rest);
  if (!pid || !seconds || rest.size() != 8) return std::nullopt;
  std::string_view hex = rest;
  if (!take_number<std::uint32_t>(hex, 16) || !hex.empty()) return std::nullopt;
  return NameParts{*pid, std::chrono::system_clock::time_point(std::chrono::seconds(*seconds))};
}

bool older_than(std::string_view name, std::chrono::system_clock::time_point now, std::chrono::seconds max_age) {
  auto parts = parse_name(name);
  return parts && now - parts->created > max_age;
}

}  // namespace strata::shadow
