#include "cli/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace strata::cli {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool color_for(int fd) {
  if (!env("NO_COLOR").empty()) return false;
  std::string force = env("CLICOLOR_FORCE");
  if (!force.empty() && force != "0") return true;
  if (env("TERM") == "dumb") return false;
  return isatty(fd) == 1;
}

// The statement as one short line.
std::string one_line(const std::string& text, std::size_t max) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    out.resize(max - 3);
    // Do not cut a UTF-8 sequence in two.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
    out += "...";
  }
  return out;
}

}  // namespace

bool stdout_color() { return color_for(STDOUT_FILENO); }
bool stderr_terminal() { return isatty(STDERR_FILENO) == 1 && env("TERM") != "dumb"; }
bool stderr_color() { return color_for(STDERR_FILENO); }

std::string paint(const std::string& text, const char* code, bool on) {
  if (!on || text.empty()) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

bool running_in_ci() {
  std::string ci = env("CI");
  return ci == "true" || ci == "1";
}

ProgressLine::ProgressLine(bool enabled, std::chrono::milliseconds delay)
    : enabled_(enabled),
      terminal_(stderr_terminal()),
      delay_(delay),
      start_(std::chrono::steady_clock::now()) {
  if (enabled_) ticker_ = std::thread([this] { tick(); });
}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(const apply::Progress& p) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  progress_ = p;
  have_progress_ = true;
}

void ProgressLine::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_) return;
    done_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (shown_ && terminal_) std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

std::string ProgressLine::line_locked() const {
  const apply::Progress& p = progress_;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", elapsed);
  std::string line = "apply: revision " + std::to_string(p.revision_index) + " of " +
                     std::to_string(p.revisions) + " (" + p.revision + ")";
  if (p.statements > 0)
    line += ", statement " + std::to_string(p.statement) + " of " + std::to_string(p.statements);
  if (!p.text.empty()) line += ": " + one_line(p.text, 60);
  return line + ", " + seconds;
}

void ProgressLine::tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_for(lock, delay_, [this] { return done_; })) return;
  while (!done_) {
    if (have_progress_) {
      std::string line = line_locked();
      if (terminal_) {
        std::fprintf(stderr, "\r\x1b[K%s\r", line.c_str());
      } else {
        // Not a terminal: a new line only when the statement changed, so a
        // log stays readable.
        std::string what = line.substr(0, line.rfind(", "));
        if (what != last_printed_ || !shown_) std::fprintf(stderr, "%s\n", line.c_str());
        last_printed_ = what;
      }
      std::fflush(stderr);
      shown_ = true;
    }
    wake_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; });
  }
}

}  // namespace strata::cli
