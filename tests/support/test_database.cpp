#include "support/test_database.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "db/connection.h"

namespace strata::testing {
namespace {

std::string run_capture(const std::string& cmd) {
  std::array<char, 512> buf{};
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run: " + cmd);
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  int rc = pclose(p);
  if (rc != 0) throw std::runtime_error("command failed: " + cmd);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Owns the server this binary started, if any.
struct OwnServer {
  std::string dir;
  std::string url;
  ~OwnServer() {
    if (!dir.empty())
      std::system((std::string(STRATA_SOURCE_DIR) + "/scripts/test-postgres stop " + dir +
                   " >/dev/null 2>&1").c_str());
  }
};

OwnServer& own_server() {
  static OwnServer s;
  return s;
}

}  // namespace

const std::string& server_url() {
  static const std::string url = [] {
    if (const char* env = std::getenv("STRATA_TEST_DATABASE_URL"); env && *env)
      return std::string(env);
    char tmpl[] = "/tmp/strata-test-pg.XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    OwnServer& s = own_server();
    s.dir = tmpl;
    s.url = run_capture(std::string(STRATA_SOURCE_DIR) + "/scripts/test-postgres start " + s.dir);
    return s.url;
  }();
  return url;
}

std::string with_database(const std::string& url, const std::string& dbname) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) {
    // keyword/value form: append, later keywords win
    return url + " dbname=" + dbname;
  }
  auto slash = url.find('/', scheme + 3);
  auto query = url.find('?', scheme + 3);
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + dbname + tail;
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  name_ = "strata_t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  db::Connection admin(server_url());
  admin.execute("DROP DATABASE IF EXISTS " + name_);
  admin.execute("CREATE DATABASE " + name_ + " TEMPLATE template0");
  url_ = with_database(server_url(), name_);
}

TestDatabase::~TestDatabase() {
  try {
    db::Connection admin(server_url());
    admin.execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
  }
}

void TestDatabase::execute(const std::string& sql) const {
  try {
    db::Connection c(url_);
    c.execute(sql);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "SQL failed: " << e.what() << "\n" << sql;
    throw;
  }
}

std::string source_path(const std::string& relative) {
  return std::string(STRATA_SOURCE_DIR) + "/" + relative;
}

}  // namespace strata::testing
