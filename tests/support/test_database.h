#pragma once

#include <string>

namespace strata::testing {

// URL of the test server's maintenance database. Taken from
// STRATA_TEST_DATABASE_URL; when that is unset, the first call starts a
// throwaway PostgreSQL (scripts/test-postgres) that is stopped and removed
// when the test binary exits.
const std::string& server_url();

// Replaces the database name of a libpq URI "postgresql://.../db?..." (the
// test server's URL is always a URI).
std::string with_database(const std::string& url, const std::string& dbname);

// A fresh, empty database on the test server, dropped when this goes away.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

  // Runs SQL (one or more statements) in this database; fails the test on error.
  void execute(const std::string& sql) const;

 private:
  std::string name_;
  std::string url_;
};

// Absolute path of a file in the source tree, e.g. source_path("schema").
std::string source_path(const std::string& relative);

}  // namespace strata::testing
