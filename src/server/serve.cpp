#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "server/server.h"

namespace strata::server {

int serve(const app::Config& config, const ServeOptions& options, std::shared_ptr<spdlog::logger> log,
          std::shared_ptr<spdlog::logger> audit_log) {
  // SIGTERM and SIGINT are taken by one thread that stops the server; every
  // other thread (httplib's workers included) inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Server server(config, options, log, audit_log);
  int port = server.bind();
  if (config.server.tokens.empty())
    log->warn("server.tokens in strata.yaml is empty: every API request will be refused with 401 "
              "(strata token new NAME --role admin makes a token)");
  const auto address = parse_listen(options.listen.empty() ? config.server.listen : options.listen);
  std::string host = address.host.find(':') != std::string::npos ? "[" + address.host + "]" : address.host;
  log->info("listening on {}://{}:{} ({} token(s); the status page is at /)", server.tls() ? "https" : "http",
            host, port, config.server.tokens.size());

  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (!finished) log->info("{}: finishing the requests under way, then stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    server.stop();
  });
  server.run();
  // run() also returns when listening fails; wake the waiter then.
  finished = true;
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  log->info("stopped");
  return 0;
}

}  // namespace strata::server
