#pragma once

#include <cstdint>

namespace strata::model {

// Where an object of the models was declared, its file named by an index
// into a list of file names: a model has one entry per object (every
// column, key and index), so the file's name is not copied into each.
struct DeclaredPlace {
  std::uint32_t file = 0;
  int line = 0, column = 0;
};

}  // namespace strata::model
