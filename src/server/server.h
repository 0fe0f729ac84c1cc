#pragma once

// `strata serve`: the HTTP API for administrators, on cpp-httplib. Thin, like
// the command line: each route authenticates, checks its parameters, calls
// one app:: command and answers with the JSON the command line prints with
// --json (errors too: app::ErrorReport). Every request is recorded in the
// audit trail with the token's name, never the token.
//
// Statuses: 200 done; 400 bad parameters (or bad input, exit code 2); 401 no
// token, a malformed Authorization header or an unknown token; 403 a reader
// token on a mutation; 404 no such route; 409 a mutation while the applier
// lock is held (by this server or anyone else); 413 a body over the limit;
// 422 the command found problems it could not get past (exit code 1);
// 500 an unexpected error; 503 the database cannot be reached (exit code 3).

#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "app/config.h"

namespace strata::server {

struct ServeOptions {
  std::string listen;  // host:port; empty: the configuration's server.listen
  std::string tls_cert, tls_key;  // PEM files; both or neither
  bool insecure_listen = false;   // allow a non-loopback address without TLS
  std::size_t max_body_bytes = 64 * 1024;
  int read_timeout_s = 10;   // a client that sends nothing this long is dropped
  int write_timeout_s = 30;
  int threads = 16;
};

// Where the server listens, parsed from "host:port" or "[v6]:port".
struct ListenAddress {
  std::string host;
  int port = 0;
  bool loopback = false;
};
// Throws UsageError for a malformed address or port.
ListenAddress parse_listen(const std::string& text);

// A route the server answers, for the OpenAPI check and the docs.
struct RouteInfo {
  std::string method;  // GET, POST
  std::string path;
  bool authenticated = true;
  bool mutation = false;
};

class Server {
 public:
  // Throws UsageError when the address is not loopback and neither TLS nor
  // insecure_listen is given, when only one of the TLS files is given, or
  // when they cannot be loaded.
  Server(app::Config config, ServeOptions options, std::shared_ptr<spdlog::logger> log,
         std::shared_ptr<spdlog::logger> audit_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address (port 0: any free port) and returns the port.
  // Throws Error when it cannot bind.
  int bind();
  // Serves until stop(); requests under way finish first.
  void run();
  // Stops accepting; safe from any thread.
  void stop();

  const std::vector<RouteInfo>& routes() const;
  bool tls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs a server until SIGTERM or SIGINT, then lets running requests (an
// apply) finish and returns 0. Prints where it listens on the log.
int serve(const app::Config& config, const ServeOptions& options, std::shared_ptr<spdlog::logger> log,
          std::shared_ptr<spdlog::logger> audit_log);

}  // namespace strata::server
