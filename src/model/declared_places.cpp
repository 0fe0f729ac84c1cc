#include "model/declared_places.h"

#include <functional>

namespace strata::model {

namespace {

std::uint32_t hash_of(std::string_view key) {
  return static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
}

}  // namespace

void DeclaredPlaces::reserve(std::size_t n) {
  entries_.reserve(n);
  // Keys average about 30 bytes ("column", schema, table, column name).
  keys_.reserve(n * 32);
  std::size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  if (slots > slots_.size()) grow(slots);
}

void DeclaredPlaces::grow(std::size_t slots) {
  slots_.assign(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t s = entries_[i].hash & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = static_cast<std::uint32_t>(i + 1);
  }
}

const DeclaredPlace* DeclaredPlaces::find(std::string_view key) const {
  if (slots_.empty()) return nullptr;
  const std::uint32_t h = hash_of(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = h & mask; slots_[s] != 0; s = (s + 1) & mask) {
    const Entry& e = entries_[slots_[s] - 1];
    if (e.hash == h && key_of(e) == key) return &e.place;
  }
  return nullptr;
}

void DeclaredPlaces::mark(std::string_view key, DeclaredPlace place) {
  // At most half the slots in use: probes stay short.
  if (2 * (entries_.size() + 1) > slots_.size()) grow(slots_.empty() ? 16 : 2 * slots_.size());
  const std::uint32_t h = hash_of(key);
  const std::size_t mask = slots_.size() - 1;
  std::size_t s = h & mask;
  for (; slots_[s] != 0; s = (s + 1) & mask) {
    const Entry& e = entries_[slots_[s] - 1];
    if (e.hash == h && key_of(e) == key) return;
  }
  entries_.push_back(Entry{keys_.size(), static_cast<std::uint32_t>(key.size()), h, place});
  keys_.append(key);
  slots_[s] = static_cast<std::uint32_t>(entries_.size());
}

}  // namespace strata::model
