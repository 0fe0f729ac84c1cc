#include "apply/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/error.h"

extern char** environ;

namespace strata::apply {
namespace {

namespace fs = std::filesystem;

// Closes the fds it holds when it goes away.
struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fd, O_CLOEXEC) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (fd[0] >= 0) ::close(fd[0]);
    fd[0] = -1;
  }
  void close_write() {
    if (fd[1] >= 0) ::close(fd[1]);
    fd[1] = -1;
  }
};

// SIGPIPE blocked in this thread while feeding a child's stdin (a child that
// exits early makes write() fail with EPIPE instead of killing Strata); a
// SIGPIPE raised meanwhile is consumed before the old mask comes back.
struct SigpipeBlocked {
  sigset_t old;
  SigpipeBlocked() {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &old);
  }
  ~SigpipeBlocked() {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    timespec zero{0, 0};
    while (sigtimedwait(&pipe_only, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  }
};

// The program to execute: a path as given, a bare name searched in PATH.
std::string resolve(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  throw Error("cannot run " + program + ": not found in PATH");
}

// This process's environment with `extra` set on top.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    std::string key = entry.substr(0, entry.find('='));
    if (!extra.count(key)) out.push_back(std::move(entry));
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs in the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const char* path, char* const* argv, char* const* envp, int in_fd,
                             int out_fd, int err_fd, int report_fd, pid_t parent) {
  // Die with the parent, also when it died before this line ran.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(127);
  int null_fd = in_fd < 0 ? ::open("/dev/null", O_RDONLY) : in_fd;
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
    int e = errno;
    (void)!::write(report_fd, &e, sizeof e);
    ::_exit(127);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGPIPE, SIG_DFL);
  ::execve(path, argv, envp);
  int e = errno;
  (void)!::write(report_fd, &e, sizeof e);
  ::_exit(127);
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  if (argv.empty()) throw Error("run_process: no program given");
  std::string path = resolve(argv[0]);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_ptrs = pointers(args);
  std::vector<std::string> env = child_environment(options.env);
  std::vector<char*> env_ptrs = pointers(env);

  Pipe out, err, report;
  std::unique_ptr<Pipe> in;
  if (!options.input.empty()) in = std::make_unique<Pipe>();
  SigpipeBlocked sigpipe;

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw Error("cannot run " + argv[0] + ": fork: " + std::strerror(errno));
  if (pid == 0)
    exec_child(path.c_str(), arg_ptrs.data(), env_ptrs.data(), in ? in->fd[0] : -1, out.fd[1],
               err.fd[1], report.fd[1], parent);
  out.close_write();
  err.close_write();
  report.close_write();
  if (in) in->close_read();

  // The exec report: nothing (the pipe closed on exec) means it started.
  int exec_errno = 0;
  ssize_t got = 0;
  do got = ::read(report.fd[0], &exec_errno, sizeof exec_errno);
  while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    kill_and_reap(pid);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(exec_errno));
  }

  ProcessResult result;
  try {
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in ? in->fd[1] : -1, POLLOUT, 0}};
    std::size_t written = 0;
    int open_fds = 2;
    char buf[1 << 16];
    while (open_fds > 0 || fds[2].fd >= 0) {
      if (::poll(fds, 3, -1) < 0) {
        if (errno == EINTR) continue;
        throw Error("poll: " + std::string(std::strerror(errno)));
      }
      if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = ::write(fds[2].fd, options.input.data() + written, options.input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if ((n < 0 && errno != EINTR && errno != EAGAIN) || written == options.input.size()) {
          in->close_write();
          fds[2].fd = -1;
        }
      }
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
          std::string_view chunk(buf, static_cast<std::size_t>(n));
          if (i == 0 && options.on_output) options.on_output(chunk);
          else (i == 0 ? result.out : result.err).append(chunk);
        } else if (n == 0 || errno != EINTR) {
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
  } catch (...) {
    kill_and_reap(pid);
    throw;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw Error("waitpid: " + std::string(std::strerror(errno)));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  return result;
}

std::string tail_lines(const std::string& text, int max_lines) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ')) --end;
  std::size_t pos = end;
  for (int n = 0; n < max_lines && pos > 0; ++n) {
    std::size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) {
      pos = 0;
      break;
    }
    pos = nl;
  }
  std::size_t start = pos == 0 ? 0 : pos + 1;
  return text.substr(start, end - start);
}

}  // namespace strata::apply
