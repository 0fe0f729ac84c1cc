#pragma once

// Internal to the YAML loader: the place of every declaration of the models
// (a column, its type, a key, an index...), looked up by its location key
// (loc_key). A model has several entries per column, hundreds of thousands
// at 10,000 tables: the keys are kept end to end in one buffer and the table
// is open-addressed, so an entry costs no allocation of its own.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/declared_place.h"

namespace strata::model {

class DeclaredPlaces {
 public:
  // Records `place` for `key` unless the key is there already (the first
  // declaration wins).
  void mark(std::string_view key, DeclaredPlace place);
  // The place recorded for `key`, or null.
  const DeclaredPlace* find(std::string_view key) const;
  std::size_t size() const { return entries_.size(); }
  // Room for about `n` entries, so the table is not rebuilt as it grows.
  void reserve(std::size_t n);

 private:
  struct Entry {
    std::size_t offset;  // of the key in keys_
    std::uint32_t length;
    std::uint32_t hash;
    DeclaredPlace place;
  };
  std::string_view key_of(const Entry& e) const { return {keys_.data() + e.offset, e.length}; }
  void grow(std::size_t slots);

  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // 0: empty, else index of the entry + 1
};

}  // namespace strata::model
