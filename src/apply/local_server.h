#pragma once

// `database.url: local`: a PostgreSQL that Strata runs itself under
// `<project>/.strata/`:
//   .strata/data/     the cluster (initdb on first start)
//   .strata/run/      the Unix socket (no TCP: listen_addresses = '')
//   .strata/server.log
// When running as root the cluster belongs to the `postgres` user (initdb
// refuses root): programs run through `runuser -u postgres --` and .strata/
// is chowned to it. Start and stop are idempotent and serialized between
// processes by a lock file, .strata/lock.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "apply/pg_tools.h"

namespace strata::apply {

struct LocalServerOptions {
  std::filesystem::path root;          // the .strata directory (made absolute)
  std::string database = "strata";     // created on first start
  int port = 5432;                     // only names the socket file
  std::string os_user = "postgres";    // cluster owner when run as root
  PgToolOptions tools;                 // where initdb/pg_ctl are found
};

struct LocalServerStatus {
  bool initialized = false;  // .strata/data holds a cluster
  bool running = false;
  long pid = 0;              // postmaster pid when running
  std::string url;           // libpq keyword string to connect with
  std::filesystem::path data_dir, socket_dir, log_file;
};

class LocalServer {
 public:
  explicit LocalServer(LocalServerOptions options);

  // The connection string: "host=<abs socket dir> port=<port> dbname=<db>
  // user=postgres" (valid whether or not the server runs).
  std::string url() const;

  LocalServerStatus status() const;

  // initdb if needed, start if not running (waits until it accepts
  // connections), create the database if missing. Returns url(). Throws
  // strata::Error with the program's output (and the tail of server.log)
  // on failure, e.g. when initdb/pg_ctl are not installed.
  std::string start();

  // Stops the server if running (fast shutdown, waits). Returns whether it
  // was running.
  bool stop();

 private:
  void init_cluster(const std::filesystem::path& initdb,
                    const std::function<std::vector<std::string>(std::vector<std::string>)>& owned);

  LocalServerOptions options_;
};

}  // namespace strata::apply
