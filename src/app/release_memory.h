#pragma once

#include "app/context.h"
#include "diff/plan.h"

namespace strata::app {

// Gives the memory the process has freed back to the system, where the C
// library keeps it otherwise: the models load on a thread of their own, and
// what that thread freed (the YAML trees of every file, the loader's
// scratch) stays in its own malloc arena, which the main thread never
// reuses. Called by check and diff once the models are loaded, before they
// plan (at 10,000 tables that is tens of MB of the peak RSS). Does nothing
// where the C library has no such call.
void release_freed_memory();

// Keeps every block of 128 KB or more in a mapping of its own, given back
// to the system when it is freed. The C library otherwise raises that size
// each time it frees such a block, up to 32 MB, so that later large blocks
// (a revision file's text, a piece of it being parsed, a catalog query's
// result) are carved from the heap, where what they leave when freed stays
// resident. Called by check before it reads anything (at 10,000 tables the
// peak RSS drops from about 300 to 255 MB, for a little more system time).
// Does nothing where the C library has no such setting.
void keep_large_blocks_mapped();

// What planning left behind (the two schemas it planned on), once nothing
// reads it: freed now, or, when ctx.process_ends, kept reachable until the
// process exits and never freed, so that the end of a no-op `diff` or
// `check` does not spend its last tens of milliseconds (at 10,000 tables)
// freeing two schemas node by node.
void leave_to_exit(const Context& ctx, diff::Leftovers leftovers);

}  // namespace strata::app
