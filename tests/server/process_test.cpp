// The `strata` binary against the API: a CLI apply holding the lock makes an
// API apply answer 409 naming it; SIGTERM lets a running apply finish.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/tokens.h"
#include "apply/applier.h"
#include "server_fixture.h"

namespace strata::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Starts the strata binary in `dir` with DATABASE_URL; output to `log`.
pid_t spawn_strata(const ServerFixture& f, const std::vector<std::string>& args, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(f.dir().c_str()) != 0) _exit(126);
    setenv("DATABASE_URL", f.db().url().c_str(), 1);
    FILE* out = std::freopen(log.c_str(), "w", stderr);
    (void)out;
    std::freopen("/dev/null", "w", stdout);
    std::vector<char*> argv{const_cast<char*>(STRATA_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(STRATA_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(ServerProcess, ApiApplyWhileACliApplyRunsIs409NamingTheCli) {
  ServerFixture f;
  f.add_slow_revision(4);
  pid_t cli = spawn_strata(f, {"apply"}, (f.dir() / "cli.err").string());
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!f.applier_lock_held() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(f.applier_lock_held()) << "the CLI apply never took the lock";

  auto c = f.client();
  auto r = c.Post("/api/v1/migrations/apply", {{"Authorization", "Bearer " + f.admin_token()}}, "{}",
                  "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_THAT(r->body, HasSubstr("another strata process is applying"));
  EXPECT_THAT(r->body, HasSubstr("strata (")) << "the holder is not named";
  EXPECT_EQ(wait_exit(cli), 0);
  EXPECT_EQ(f.query("SELECT count(*) || '/' || count(DISTINCT revision) FROM strata.revisions"), "4/4");
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE source = 'api' AND result = 'error' "
                    "AND sqlstate = '55P03'"),
            "1");
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE source = 'cli' AND operation = 'apply' "
                    "AND result = 'ok' AND revisions LIKE '%" + std::string(kSlowRevision) + "'"),
            "1");
}

TEST(ServerProcess, SigtermLetsARunningApplyFinishThenExitsZero) {
  ServerFixture f;
  f.add_slow_revision(2);
  auto token = app::new_token("ops", "admin");
  const int port = free_port();
  {
    std::ofstream yaml(f.dir() / "strata.yaml", std::ios::app);
    yaml << "\nserver:\n  listen: 127.0.0.1:" << port << "\n  tokens:\n    " << token.config_line << "\n";
  }
  pid_t serve = spawn_strata(f, {"serve"}, (f.dir() / "serve.err").string());
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!c.Get("/healthz") && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

  int applied_status = 0;
  std::string applied_body;
  std::thread apply([&] {
    auto r = c.Post("/api/v1/migrations/apply", {{"Authorization", "Bearer " + token.token}}, "{}",
                    "application/json");
    if (r) {
      applied_status = r->status;
      applied_body = r->body;
    }
  });
  until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!f.applier_lock_held() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(f.applier_lock_held());
  kill(serve, SIGTERM);
  apply.join();
  EXPECT_EQ(wait_exit(serve), 0);
  EXPECT_EQ(applied_status, 200) << "the running apply was cut off: " << applied_body;
  EXPECT_EQ(f.query("SELECT revision FROM strata.revisions ORDER BY seq DESC LIMIT 1"), kSlowRevision);
  std::ifstream err(f.dir() / "serve.err");
  std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("SIGTERM: finishing the requests under way"));
  EXPECT_THAT(text, Not(HasSubstr(token.token.substr(7))));
}

}  // namespace
}  // namespace strata::server::testing
