#pragma once

// What the terminal gets: colour where a person reads it, and a progress line
// on stderr for applies that take a while. Decided once, from the process's
// environment, by the command line (never by app::).

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "apply/applier.h"

namespace strata::cli {

// Colour on stdout: only on a terminal (TERM not "dumb"), never when NO_COLOR
// is set to anything non-empty (no-color.org). CLICOLOR_FORCE=1 asks for it
// without a terminal (NO_COLOR still wins).
bool stdout_color();
// The same for stderr (log lines and the progress line).
bool stderr_color();

// stderr is a terminal that takes escape sequences (TERM not "dumb").
bool stderr_terminal();

// Wraps `text` in the SGR code `code` ("32" green, "31" red, "33" yellow,
// "1" bold) when `on`, else returns it unchanged.
std::string paint(const std::string& text, const char* code, bool on);

// The progress line of an apply: "apply: revision 2 of 5 (20261130_x),
// statement 3 of 7: CREATE INDEX ..., 4.2 s", written to stderr once the run
// has taken more than `delay`, then at most once a second (rewritten in place
// on a terminal, with the cursor left at its start so that a log line
// replaces it; a new line otherwise). Silent when disabled (CI=true,
// --quiet, --json). The line is cleared (terminal) when the apply ends.
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::chrono::milliseconds delay = std::chrono::milliseconds(2000));
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Called by the applier before each statement (from the applying thread).
  void update(const apply::Progress& p);
  // Stops the ticker and clears the line; idempotent.
  void finish();

 private:
  void tick();
  std::string line_locked() const;

  bool enabled_;
  bool terminal_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool have_progress_ = false;
  bool shown_ = false;
  apply::Progress progress_;
  std::string last_printed_;
  std::thread ticker_;
};

// True when CI is set to "true" or "1" (GitHub Actions, GitLab, most others).
bool running_in_ci();

}  // namespace strata::cli
