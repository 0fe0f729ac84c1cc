#pragma once

// libpg_query recurses as deep as the text nests (its tree output and
// protobuf unpacking have no depth limit), so a large text is parsed on a
// thread whose stack grows with the text.

#include <cstddef>
#include <functional>

namespace strata::sql {

// Runs `job` to completion: on the calling thread when `text_bytes` is small
// enough for any nesting it can hold to fit an ordinary stack, else on a new
// thread with a stack sized for `text_bytes` (joined before returning).
// False when no such thread can be had or `job` threw; `job` did not run to
// completion then. libpg_query frees a thread's memory when the thread ends.
bool run_with_parser_stack(std::size_t text_bytes, const std::function<void()>& job);

}  // namespace strata::sql
