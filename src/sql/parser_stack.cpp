#include "sql/parser_stack.h"

#include <pthread.h>

namespace strata::sql {
namespace {

// Texts up to this size are parsed on the caller's stack; libpg_query needs
// about 128 bytes of stack per level of nesting and a level takes at least
// two bytes of text, so 16 KB of text needs at most about 1 MB.
constexpr std::size_t kInlineParseBytes = 16 * 1024;
constexpr std::size_t kStackBytesPerTextByte = 256;
constexpr std::size_t kBaseStackBytes = 8 * 1024 * 1024;

struct Job {
  const std::function<void()>* run;
  bool done = false;
};

void* run_job(void* arg) {
  auto* job = static_cast<Job*>(arg);
  try {
    (*job->run)();
    job->done = true;
  } catch (...) {
    job->done = false;  // out of memory: reported as not run
  }
  return nullptr;
}

}  // namespace

bool run_with_parser_stack(std::size_t text_bytes, const std::function<void()>& job) {
  if (text_bytes <= kInlineParseBytes) {
    try {
      job();
      return true;
    } catch (...) {
      return false;
    }
  }
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  std::size_t stack = kBaseStackBytes + kStackBytesPerTextByte * text_bytes;
  bool ok = pthread_attr_setstacksize(&attr, stack) == 0;
  Job state{&job};
  pthread_t thread;
  ok = ok && pthread_create(&thread, &attr, run_job, &state) == 0;
  pthread_attr_destroy(&attr);
  if (!ok) return false;
  pthread_join(thread, nullptr);
  return state.done;
}

}  // namespace strata::sql
