// The example project at the top of the repository: its revisions, generated
// by Strata from schema/, replay on a fresh database and `check` is clean.

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;

TEST(E2EExample, RevisionsReplayOnAFreshDatabaseAndCheckIsClean) {
  E2EProject p;
  fs::path repo = testing::source_path("");
  ASSERT_TRUE(fs::exists(repo / "strata.yaml"));
  fs::remove_all(p.dir() / "schema");
  fs::remove_all(p.dir() / "migrations");
  fs::copy(repo / "strata.yaml", p.dir() / "strata.yaml", fs::copy_options::overwrite_existing);
  fs::copy(repo / "schema", p.dir() / "schema", fs::copy_options::recursive);
  fs::copy(repo / "migrations", p.dir() / "migrations", fs::copy_options::recursive);

  RunResult v = p.strata({"validate", "--json"});
  ASSERT_EQ(v.exit_code, 0) << v.err;
  auto summary = nlohmann::json::parse(v.out);
  EXPECT_GE(summary["revisions"].get<int>(), 3);

  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  RunResult c = p.strata({"check"});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  RunResult d = p.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(nlohmann::json::parse(d.out)["empty"], true) << d.out;

  // Every revision also goes back down, all the way, and up again.
  RunResult down = p.strata({"rollback", "base", "--yes"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
                    "'information_schema', 'strata')"),
            "0");
  RunResult up = p.strata({"apply"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(p.strata({"check"}).exit_code, 0);
}

}  // namespace
}  // namespace strata::e2e
