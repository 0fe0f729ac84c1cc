#include "app/release_memory.h"

#include <cstdlib>  // defines __GLIBC__ where it applies, before it is tested
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace strata::app {

void release_freed_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void keep_large_blocks_mapped() {
#if defined(__GLIBC__)
  // Setting the threshold at all turns off its adjustment.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

void leave_to_exit(const Context& ctx, diff::Leftovers leftovers) {
  if (!ctx.process_ends) return;  // freed here
  // Deliberately never freed: the operating system takes the whole address
  // space back at exit at once. Held through a pointer that is never
  // deleted (no destructor runs at exit), so it stays reachable and leak
  // checkers do not count it.
  static auto* kept = new std::vector<diff::Leftovers>();
  kept->push_back(std::move(leftovers));
}

}  // namespace strata::app
