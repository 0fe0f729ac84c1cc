// The proof on a shadow database, drift before create, and what a failed
// proof shows, through the binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "db/connection.h"
#include "e2e/e2e_project.h"
#include "support/test_database.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

void exec(const E2EProject& p, const std::string& sql) {
  db::Connection conn(p.url());
  conn.execute(sql);
}

bool database_exists(const std::string& name) {
  db::Connection admin(testing::server_url());
  return admin.query_value("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

// The shadow databases a message names.
std::vector<std::string> shadow_names(const std::string& text) {
  std::vector<std::string> out;
  std::regex name("strata_shadow_[0-9]+_[0-9]+_[0-9a-f]{8}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), name); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

const char* kOneTable = "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: text\n";

TEST(E2EShadow, CreateProvesOnAShadowThatIsDroppedAfterwards) {
  E2EProject p;
  p.write_model("app.yaml", kOneTable);
  RunResult r = p.strata({"create", "--json", "Initial"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto j = nlohmann::json::parse(r.out);
  std::string site = j["proof_site"].get<std::string>();
  auto names = shadow_names(site);
  ASSERT_EQ(names.size(), 1u) << site;
  EXPECT_FALSE(database_exists(names[0]));
  ASSERT_EQ(j["proof"].size(), 2u) << r.out;  // up, down: see docs/REVISIONS.md
  EXPECT_TRUE(j["drift"].empty()) << r.out;
  // The dev database was not touched by the proof.
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
}

TEST(E2EShadow, AFailedProofShowsStatementLineDetailHintAndKeepsTheFiles) {
  E2EProject p;
  p.write_model("app.yaml", kOneTable);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  // A view outside the managed schemas reads the column the models drop.
  exec(p, "CREATE SCHEMA other; CREATE VIEW other.v AS SELECT b FROM public.t");
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n");

  RunResult r = p.strata({"create", "Drop b"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("the revision failed its proof at step 'up' (on a shadow database strata_shadow_"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex("migrations/[0-9_a-z]+\\.up\\.sql line ([0-9]+): cannot drop "
                                                     "column b of table t because other objects depend on it")))
      << describe(r);
  EXPECT_THAT(r.err, HasSubstr("DETAIL: view other.v depends on column b of table t"));
  EXPECT_THAT(r.err, HasSubstr("HINT: Use DROP ... CASCADE"));
  EXPECT_THAT(r.err, HasSubstr("statement: ALTER TABLE public.t DROP COLUMN b"));
  EXPECT_THAT(r.err, HasSubstr("--keep-failed"));
  for (const auto& name : shadow_names(r.err)) EXPECT_FALSE(database_exists(name)) << name;
  EXPECT_EQ(p.revision_files().size(), 1u);
  EXPECT_FALSE(fs::exists(p.dir() / "migrations" / ".failed"));

  RunResult kept = p.strata({"create", "--keep-failed", "Drop b"});
  EXPECT_EQ(kept.exit_code, 1) << describe(kept);
  EXPECT_THAT(kept.err, HasSubstr("the failing files are kept as migrations/.failed/"));
  std::vector<fs::path> failed;
  for (const auto& e : fs::directory_iterator(p.dir() / "migrations" / ".failed")) failed.push_back(e.path());
  ASSERT_EQ(failed.size(), 2u);
  std::sort(failed.begin(), failed.end());
  EXPECT_THAT(failed[1].filename().string(), HasSubstr(".up.sql"));
  std::string up = read_file(failed[1]);
  EXPECT_THAT(up, HasSubstr("ALTER TABLE public.t DROP COLUMN b"));
  // The line in the message is the line in the kept file.
  ASSERT_TRUE(std::regex_search(kept.err, m, std::regex("\\.up\\.sql line ([0-9]+):")));
  int line = std::stoi(m[1]);
  std::istringstream lines(up);
  std::string text;
  for (int i = 0; i < line; ++i) std::getline(lines, text);
  EXPECT_THAT(text, HasSubstr("DROP COLUMN b"));
  // migrations/ itself holds no new revision, and the folder is not read as one.
  EXPECT_EQ(p.revision_files().size(), 1u);
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
}

// Case 7 of the issue: a column added by hand on the dev database.
TEST(E2EShadow, DriftIsListedBeforeCreateAndFromHeadPlansFromTheRevisions) {
  E2EProject p;
  p.write_model("app.yaml", kOneTable);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  exec(p, "ALTER TABLE public.t ADD COLUMN experiment text");
  p.write_model("app.yaml", std::string(kOneTable) + "      note: text\n");

  RunResult r = p.strata({"create", "--dry-run", "Add note"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("the database differs from what its applied revisions produce"));
  EXPECT_THAT(r.err, HasSubstr("- column public.t.experiment"));
  EXPECT_THAT(r.err, HasSubstr("--from-head"));
  EXPECT_THAT(r.out, HasSubstr("DROP COLUMN experiment"));

  RunResult h = p.strata({"create", "--from-head", "--dry-run", "--json", "Add note"});
  ASSERT_EQ(h.exit_code, 0) << describe(h);
  EXPECT_THAT(h.err, Not(HasSubstr("differs from what its applied revisions produce")));
  auto j = nlohmann::json::parse(h.out);
  EXPECT_TRUE(j["from_head"].get<bool>());
  std::string up = j["sql"]["up_sql"].get<std::string>();
  EXPECT_THAT(up, HasSubstr("ADD COLUMN note text"));
  EXPECT_THAT(up, Not(HasSubstr("experiment")));
  for (const auto& name : shadow_names(j["proof_site"].get<std::string>())) EXPECT_FALSE(database_exists(name));
  // Nothing to fold in: no warning.
  exec(p, "ALTER TABLE public.t DROP COLUMN experiment");
  RunResult clean = p.strata({"create", "--dry-run", "Add note"});
  ASSERT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_THAT(clean.err, Not(HasSubstr("differs from what its applied revisions produce")));
}

TEST(E2EShadow, WithoutCreatedbTheProofRunsOnTheTargetAndSaysSoInOneLine) {
  E2EProject p;
  std::string role = "strata_nocreatedb_e2e_" + std::to_string(getpid());
  {
    db::Connection admin(testing::server_url());
    admin.execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN NOCREATEDB");
    admin.execute("ALTER DATABASE " + p.db().name() + " OWNER TO " + role);
  }
  exec(p, "ALTER SCHEMA public OWNER TO " + role);
  std::string url = p.url();
  url.replace(url.find("://") + 3, url.find('@') - url.find("://") - 3, role);
  p.write_model("app.yaml", kOneTable);
  RunOptions o = p.options();
  o.env["DATABASE_URL"] = url;
  RunResult h = run(o, {"create", "--from-head", "--dry-run", "Initial"});
  EXPECT_EQ(h.exit_code, 2) << describe(h);
  EXPECT_THAT(h.err, HasSubstr("--from-head plans from the applied revisions replayed on a shadow database"));
  RunResult r = run(o, {"create", "Initial"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("no shadow database (role " + role +
                               " may not create databases (no CREATEDB) and database.shadow_url is not set): "
                               "proving in a rolled-back transaction on the target, drift not checked"));
  EXPECT_EQ(r.err.find("no shadow database"), r.err.rfind("no shadow database")) << describe(r);
  EXPECT_THAT(r.err, Not(HasSubstr("drift not checked:")));
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
  {
    db::Connection admin(testing::server_url());
    admin.execute("ALTER DATABASE " + p.db().name() + " OWNER TO CURRENT_USER");
  }
  exec(p, "REASSIGN OWNED BY " + role + " TO CURRENT_USER; DROP OWNED BY " + role);
  db::Connection admin(testing::server_url());
  admin.execute("DROP ROLE " + role);
}

// Up, down and up again in one transaction ran out of lock slots on a model
// of a few thousand small tables; each step now commits on its own. The
// model is sized from the server's lock table (max_locks_per_transaction
// times the server's backends): up alone takes about 95% of its nominal
// slots, the old proof twice that, beyond what the table can hold (on a
// server with 200 connections the old proof failed at 2,200 tables).
TEST(E2EShadow, AModelOfManyTablesIsProvedWithoutRunningOutOfLocks) {
  E2EProject p;
  long slots = std::stol(p.query(
      "SELECT current_setting('max_locks_per_transaction')::int * "
      "(current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int + "
      "current_setting('autovacuum_max_workers')::int + 1 + current_setting('max_worker_processes')::int + "
      "current_setting('max_wal_senders')::int)"));
  // About six locks per table: the table, its primary key, its toast table and index, types.
  long tables = slots * 10 / 62;
  std::string yaml = "tables:\n";
  for (long i = 0; i < tables; ++i)
    yaml += "  t" + std::to_string(i) + ":\n    columns:\n      id: {type: integer, primary_key: true}\n"
            "      b: text\n";
  p.write_model("app.yaml", yaml);
  RunResult r = p.strata({"create", "--dry-run", "--json", "Many tables"});
  ASSERT_EQ(r.exit_code, 0) << describe(r).substr(0, 4000);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["proof"].size(), 2u);
  for (const auto& step : j["proof"]) EXPECT_TRUE(step["ok"].get<bool>()) << step.dump();
  EXPECT_EQ(j["sql"]["changes"].size(), static_cast<std::size_t>(tables));
}

}  // namespace
}  // namespace strata::e2e
