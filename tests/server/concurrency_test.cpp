// Mutations under the applier lock: 409 naming the holder while anyone else
// holds it; reads keep answering while an apply runs.

#include <atomic>
#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "apply/applier.h"
#include "db/connection.h"
#include "server_fixture.h"

namespace strata::server::testing {
namespace {

using ::testing::HasSubstr;

TEST(ServerConcurrency, ApplyWhileAnotherApplierHoldsTheLockIs409NamingIt) {
  ServerFixture f;
  // Another strata process (a CLI apply elsewhere) holds the lock.
  db::Connection other(f.db().url());
  other.execute("SELECT set_config('application_name', 'strata (alice)', false)");
  other.execute("SELECT pg_advisory_lock(" + std::to_string(apply::kAdvisoryLockKey) + ")");

  auto c = f.client();
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  auto start = std::chrono::steady_clock::now();
  for (const std::string path : {"/api/v1/migrations/apply", "/api/v1/migrations/rollback",
                                 "/api/v1/migrations/create?message=More"}) {
    auto r = c.Post(path, admin, path.find("rollback") != std::string::npos ? R"({"target":"base"})" : "{}",
                    "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 409) << path << "\n" << r->body;
    auto doc = nlohmann::json::parse(r->body);
    EXPECT_EQ(doc["ok"], false);
    EXPECT_EQ(doc["exit_code"], 1);
    EXPECT_THAT(doc["errors"][0].get<std::string>(), HasSubstr("strata (alice)")) << path;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15)) << "a mutation waited for the lock";
  EXPECT_EQ(f.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");

  // Released: the same call goes through.
  other.execute("SELECT pg_advisory_unlock(" + std::to_string(apply::kAdvisoryLockKey) + ")");
  auto ok = c.Post("/api/v1/migrations/apply", admin, "{}", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
}

TEST(ServerConcurrency, EightReadersWhileOneApplies) {
  ServerFixture f;
  f.add_slow_revision(1.5);
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  const httplib::Headers reader = {{"Authorization", "Bearer " + f.reader_token()}};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);

  std::atomic<bool> applying{true};
  std::atomic<int> reads{0}, errors{0}, second_apply_conflicts{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i)
    readers.emplace_back([&] {
      auto c = f.client();
      do {
        auto r = c.Get("/api/v1/migrations/status", reader);
        if (!r || r->status != 200) {
          ++errors;
        } else {
          auto doc = nlohmann::json::parse(r->body);
          // Before the apply commits the database has no revision: null.
          if (!doc["current"].is_null() && !doc["current"].is_string()) ++errors;
          if (doc["head"] != kSlowRevision) ++errors;
          ++reads;
        }
      } while (applying && std::chrono::steady_clock::now() < deadline);
    });
  std::thread applier([&] {
    auto c = f.client();
    auto r = c.Post("/api/v1/migrations/apply", admin, "{}", "application/json");
    if (!r || r->status != 200) ++errors;
    applying = false;
  });
  // A second apply through the same server while the first runs: 409.
  EXPECT_TRUE(f.wait_for_applier_lock());
  {
    auto c = f.client();
    auto r = c.Post("/api/v1/migrations/apply", admin, "{}", "application/json");
    if (r && r->status == 409) ++second_apply_conflicts;
  }
  applier.join();
  for (auto& t : readers) t.join();

  EXPECT_LT(std::chrono::steady_clock::now(), deadline);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GE(reads.load(), 8);
  EXPECT_EQ(second_apply_conflicts.load(), 1);
  EXPECT_EQ(f.query("SELECT count(*) || '/' || count(DISTINCT revision) FROM strata.revisions"), "4/4");
  EXPECT_EQ(f.query("SELECT revision FROM strata.revisions ORDER BY seq DESC LIMIT 1"), kSlowRevision);
  EXPECT_EQ(f.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'apply' AND result = 'ok'"), "1");
}

}  // namespace
}  // namespace strata::server::testing
