#pragma once

// A running `strata serve` (in process, on a free loopback port) over a copy
// of the example project and a fresh test database, with one admin and one
// reader token.

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "app/config.h"
#include "server/server.h"
#include "support/test_database.h"

namespace strata::server::testing {

class ServerFixture {
 public:
  explicit ServerFixture(ServeOptions options = {});
  ~ServerFixture();

  httplib::Client client() const;
  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  const strata::testing::TestDatabase& db() const { return db_; }
  const Server& server() const { return *server_; }

  const std::string& admin_token() const { return admin_token_; }
  const std::string& reader_token() const { return reader_token_; }

  // The log file's whole text (all log and audit lines of this server).
  std::string log_text() const;
  // First column of the first row ("" for none or NULL).
  std::string query(const std::string& sql) const;
  // Every row of a query, columns joined by '|', rows by '\n'.
  std::string rows(const std::string& sql) const;
  // True while a session holds the appliers' advisory lock on this database.
  bool applier_lock_held() const;
  // Waits (up to 20 s) until applier_lock_held(); returns whether it is.
  bool wait_for_applier_lock() const;
  // Writes a revision after the example's head that sleeps `seconds`.
  void add_slow_revision(double seconds) const;

 private:
  std::filesystem::path dir_;
  strata::testing::TestDatabase db_;
  std::string admin_token_, reader_token_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// The example's head revision.
inline constexpr const char* kExampleHead = "20261125160647";
inline constexpr const char* kSlowRevision = "20261201000000";

}  // namespace strata::server::testing
