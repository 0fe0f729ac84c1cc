#include "apply/local_server.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include "core/error.h"
#include "db/connection.h"
#include "revision/temp_dir.h"

namespace strata::apply {
namespace {

TEST(LocalServer, StartStatusStop) {
  testing::TempDir dir;
  // The server may run as another user (when tests run as root): let it in.
  chmod(dir.path().c_str(), 0755);
  LocalServerOptions options;
  options.root = dir.path() / ".strata";
  options.database = "app_db";
  LocalServer server(options);
  LocalServerStatus s = server.status();
  EXPECT_FALSE(s.initialized);
  EXPECT_FALSE(s.running);
  EXPECT_FALSE(server.stop());

  std::string url = server.start();
  EXPECT_EQ(url, server.url());
  EXPECT_EQ(url, "host=" + (dir.path() / ".strata" / "run").string() +
                     " port=5432 dbname=app_db user=postgres");
  s = server.status();
  EXPECT_TRUE(s.initialized);
  EXPECT_TRUE(s.running);
  EXPECT_GT(s.pid, 0);
  {
    db::Connection conn(url);
    EXPECT_EQ(conn.query_value("SELECT current_database()"), "app_db");
    EXPECT_EQ(conn.query_value("SHOW listen_addresses"), "");
    conn.execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
  }
  // Idempotent start.
  EXPECT_EQ(server.start(), url);
  EXPECT_EQ(server.status().pid, s.pid);

  EXPECT_TRUE(server.stop());
  EXPECT_FALSE(server.status().running);
  EXPECT_THROW(db::Connection{url}, DatabaseError);
  EXPECT_FALSE(server.stop());

  // Starts again with its data.
  server.start();
  {
    db::Connection conn(url);
    EXPECT_EQ(conn.query_value("SELECT x FROM kept"), "42");
  }
  EXPECT_TRUE(server.stop());
}

TEST(LocalServer, TwoProjectsRunSideBySide) {
  testing::TempDir a_dir, b_dir;
  chmod(a_dir.path().c_str(), 0755);
  chmod(b_dir.path().c_str(), 0755);
  LocalServerOptions a_options, b_options;
  a_options.root = a_dir.path() / ".strata";
  a_options.database = "My-App";  // needs quoting in SQL
  b_options.root = b_dir.path() / ".strata";
  LocalServer a(a_options), b(b_options);
  std::string a_url = a.start();
  std::string b_url = b.start();
  {
    db::Connection ca(a_url), cb(b_url);
    EXPECT_EQ(ca.query_value("SELECT current_database()"), "My-App");
    EXPECT_EQ(cb.query_value("SELECT current_database()"), "strata");
    ca.execute("CREATE TABLE only_in_a (x int)");
    EXPECT_EQ(cb.query_value("SELECT (to_regclass('only_in_a') IS NULL)::text"), "true");
  }
  EXPECT_TRUE(a.stop());
  EXPECT_TRUE(b.stop());
}

TEST(LocalServer, RefusesASocketPathTooLong) {
  testing::TempDir dir;
  LocalServerOptions options;
  options.root = dir.path() / std::string(120, 'x') / ".strata";
  LocalServer server(options);
  EXPECT_THROW(server.start(), Error);
  EXPECT_FALSE(server.status().initialized);
}

}  // namespace
}  // namespace strata::apply
