#include "app/release_memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace strata::app {

void release_freed_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace strata::app
