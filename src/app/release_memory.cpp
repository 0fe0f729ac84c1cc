#include "app/release_memory.h"

#include <cstdlib>  // defines __GLIBC__ where it applies, before it is tested

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

}  // namespace strata::app
