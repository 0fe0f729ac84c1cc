// Online plans through the binary: plan: online in strata.yaml and
// create/diff --online/--offline; create proves an online revision on a
// shadow database, each step in its mode.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const char* kBefore =
    "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: text\n";
const char* kAfter =
    "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      b: {type: text, nullable: false}\n"
    "    checks:\n      t_b_check: \"length(b) > 0\"\n"
    "    indexes:\n      t_b_idx: {columns: [b]}\n";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_config(const E2EProject& p, const std::string& extra) {
  std::ofstream out(p.dir() / "strata.yaml", std::ios::binary | std::ios::trunc);
  out << "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\nlock_timeout: 5s\n" << extra;
}

// A project at kBefore, applied, whose models now say kAfter.
void prepare(const E2EProject& p) {
  p.write_model("app.yaml", kBefore);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.write_model("app.yaml", kAfter);
}

TEST(E2EOnline, CreateOnlineWritesStepsAndProvesThemOnAShadow) {
  E2EProject p;
  ASSERT_NO_FATAL_FAILURE(prepare(p));
  RunResult r = p.strata({"create", "--json", "--online", "Index and check b"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["proof"].size(), 2u) << r.out;
  for (const auto& step : j["proof"]) EXPECT_TRUE(step["ok"].get<bool>()) << r.out;
  EXPECT_THAT(j["proof_site"].get<std::string>(), HasSubstr("shadow database"));
  auto files = p.revision_files();
  ASSERT_EQ(files.size(), 2u);
  std::string up = read(files.back());
  EXPECT_THAT(up, HasSubstr("-- plan: online (up: "));
  EXPECT_THAT(up, HasSubstr("-- strata:step no-transaction\n"));
  EXPECT_THAT(up, HasSubstr("CREATE INDEX CONCURRENTLY t_b_idx ON public.t"));
  EXPECT_THAT(up, HasSubstr("ADD CONSTRAINT t_b_check CHECK (length(b) > 0) NOT VALID;"));
  EXPECT_THAT(up, HasSubstr("VALIDATE CONSTRAINT t_b_check;"));
  EXPECT_THAT(up, HasSubstr("ADD CONSTRAINT t_b_strata_not_null CHECK (b IS NOT NULL) NOT VALID;"));
  // The hazard lines leave out what the online forms avoid.
  EXPECT_THAT(up, Not(HasSubstr("blocking index build")));
  EXPECT_THAT(up, Not(HasSubstr("full scan under exclusive lock")));
  EXPECT_THAT(up, HasSubstr("may-fail: "));
  // The file reads back: its header and steps are valid revision syntax.
  RunResult validate = p.strata({"validate"});
  EXPECT_EQ(validate.exit_code, 0) << describe(validate);
  // The proof ran on a shadow: the dev database is as it was.
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_indexes WHERE indexname = 't_b_idx'"), "0");
}

TEST(E2EOnline, PlanOnlineInTheConfigIsTheDefaultAndOfflineOverridesIt) {
  E2EProject p;
  ASSERT_NO_FATAL_FAILURE(prepare(p));
  write_config(p, "plan: online\n");
  RunResult diff = p.strata({"diff", "--sql"});
  EXPECT_EQ(diff.exit_code, 0) << describe(diff);
  EXPECT_THAT(diff.out, HasSubstr("CREATE INDEX CONCURRENTLY t_b_idx"));
  RunResult diff_offline = p.strata({"diff", "--sql", "--offline"});
  EXPECT_THAT(diff_offline.out, HasSubstr("CREATE INDEX t_b_idx"));
  EXPECT_THAT(diff_offline.out, Not(HasSubstr("CONCURRENTLY")));

  RunResult dry = p.strata({"create", "--dry-run", "--json", "Online by default"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_THAT(nlohmann::json::parse(dry.out)["sql"]["up_sql"].get<std::string>(), HasSubstr("CREATE INDEX CONCURRENTLY"));

  RunResult r = p.strata({"create", "--offline", "Offline this once"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  std::string up = read(p.revision_files().back());
  EXPECT_THAT(up, Not(HasSubstr("strata:step")));
  EXPECT_THAT(up, Not(HasSubstr("plan: online")));
  EXPECT_THAT(up, HasSubstr("CREATE INDEX t_b_idx ON public.t"));

  RunResult both = p.strata({"create", "--online", "--offline", "Both"});
  EXPECT_EQ(both.exit_code, 2) << describe(both);
}

TEST(E2EOnline, AWrongPlanInTheConfigIsRefusedWithItsPosition) {
  E2EProject p;
  p.write_model("app.yaml", kBefore);
  write_config(p, "plan: fast\n");
  RunResult r = p.strata({"diff"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("strata.yaml:5:7: plan: 'fast' is not online or offline"));
}

}  // namespace
}  // namespace strata::e2e
