#include "app/release_memory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace strata::app {
namespace {

#if defined(__GLIBC__)
// How many blocks the allocator holds in mappings of their own.
std::size_t mapped_blocks() { return mallinfo2().hblks; }

// A block of `bytes`, written so it is resident; whether it got a mapping.
bool allocated_mapped(std::size_t bytes, void*& block) {
  const std::size_t before = mapped_blocks();
  block = std::malloc(bytes);
  if (block) std::memset(block, 1, bytes);
  return mapped_blocks() > before;
}

TEST(KeepLargeBlocksMapped, ABlockOfMediumSizeIsMappedAfterALargerOneWasFreed) {
  keep_large_blocks_mapped();
  // Larger than what the heap has free at its top, so it must grow or map.
  const std::size_t medium_bytes = mallinfo2().keepcost + 4 * 1024 * 1024;
  void* large = nullptr;
  ASSERT_TRUE(allocated_mapped(2 * medium_bytes, large));
  // Without the setting, freeing it raises the threshold to its size, and
  // the next, smaller block grows the heap instead.
  std::free(large);
  void* medium = nullptr;
  EXPECT_TRUE(allocated_mapped(medium_bytes, medium));
  std::free(medium);
  void* small = nullptr;
  EXPECT_FALSE(allocated_mapped(16 * 1024, small));
  std::free(small);
}
#endif

}  // namespace
}  // namespace strata::app
