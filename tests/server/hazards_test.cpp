// Hazards over HTTP: create takes `allow` as `strata create --allow` does,
// and a rollback whose down files lose data needs `"yes": true`.

#include <fstream>
#include <regex>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_fixture.h"

namespace strata::server::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> up_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir / "migrations"))
    if (e.path().string().ends_with(".up.sql")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ServerHazards, CreateTakesAllowAsTheCommandLineDoes) {
  ServerFixture f;
  auto c = f.client();
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  auto applied = c.Post("/api/v1/migrations/apply", admin, "{}", "application/json");
  ASSERT_TRUE(applied);
  ASSERT_EQ(applied->status, 200) << applied->body;

  // The models lose a column: the revision drops it (data-loss).
  fs::path billing = f.dir() / "schema" / "billing.yaml";
  std::string yaml = read_text(billing);
  std::string without = std::regex_replace(yaml, std::regex("\n      currency:[^\n]*"), "");
  ASSERT_NE(without, yaml);
  std::ofstream(billing, std::ios::trunc) << without;
  std::size_t before = up_files(f.dir()).size();

  auto refused = c.Post("/api/v1/migrations/create?message=Drop%20currency", admin, "{}", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400) << refused->body;
  auto doc = nlohmann::json::parse(refused->body);
  EXPECT_EQ(doc["ok"], false);
  EXPECT_THAT(doc["errors"][0].get<std::string>(), HasSubstr("data-loss"));
  EXPECT_EQ(up_files(f.dir()).size(), before) << "a refused create wrote a file";

  auto unknown = c.Post("/api/v1/migrations/create?message=Drop%20currency&allow=data-loss,dataloss", admin, "{}",
                        "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_THAT(unknown->body, HasSubstr("unknown hazard kind 'dataloss'"));
  auto empty = c.Post("/api/v1/migrations/create?message=Drop%20currency&allow=data-loss,", admin, "{}",
                      "application/json");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_THAT(empty->body, HasSubstr("empty item"));
  EXPECT_EQ(up_files(f.dir()).size(), before);

  auto written = c.Post("/api/v1/migrations/create?message=Drop%20currency&allow=data-loss", admin, "{}",
                        "application/json");
  ASSERT_TRUE(written);
  ASSERT_EQ(written->status, 200) << written->body;
  auto files = up_files(f.dir());
  ASSERT_EQ(files.size(), before + 1);
  std::string up = read_text(files.back());
  EXPECT_THAT(up, HasSubstr("-- strata:allow   data-loss\n"));
  EXPECT_THAT(up, HasSubstr("DROP COLUMN currency"));
}

TEST(ServerHazards, RollbackOfADownFileThatLosesDataNeedsYes) {
  ServerFixture f;
  auto c = f.client();
  const httplib::Headers admin = {{"Authorization", "Bearer " + f.admin_token()}};
  auto applied = c.Post("/api/v1/migrations/apply", admin, "{}", "application/json");
  ASSERT_TRUE(applied);
  ASSERT_EQ(applied->status, 200) << applied->body;

  auto refused = c.Post("/api/v1/migrations/rollback", admin, R"({"target": "-1"})", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400) << refused->body;
  auto doc = nlohmann::json::parse(refused->body);
  EXPECT_EQ(doc["ok"], false);
  EXPECT_EQ(doc["exit_code"], 2);
  std::string error = doc["errors"][0].get<std::string>();
  EXPECT_THAT(error, HasSubstr("20261125_160647_add_tags.down.sql"));
  EXPECT_THAT(error, HasSubstr("data-loss: DROP TABLE public.tags"));
  EXPECT_THAT(error, HasSubstr("--yes"));
  EXPECT_EQ(f.query("SELECT max(revision) FROM strata.revisions"), kExampleHead);

  auto wrong = c.Post("/api/v1/migrations/rollback", admin, R"({"target": "-1", "yes": "sure"})", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_THAT(wrong->body, HasSubstr("'yes' must be true or false"));

  auto done = c.Post("/api/v1/migrations/rollback", admin, R"({"target": "-1", "yes": true})", "application/json");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(f.query("SELECT max(revision) FROM strata.revisions"), "20261125160645");
  EXPECT_EQ(f.query("SELECT count(*) FROM pg_tables WHERE tablename = 'tags'"), "0");
}

}  // namespace
}  // namespace strata::server::testing
