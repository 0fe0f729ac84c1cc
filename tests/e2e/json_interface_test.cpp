// The machine interface through the binary: every command's --json output,
// in success and failure, matches its JSON Schema under docs/schema/ (checked
// with python3-jsonschema); ok and exit_code are always there; absent values
// are null; drift comes as items; diff --exit-code; GitHub annotations name
// the file and line of every finding, and every failure is an ::error::.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

constexpr const char* kUnreachable = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=3";

const char* kModel =
    "tables:\n"
    "  things:\n"
    "    columns:\n"
    "      id: {type: bigint, primary_key: true}\n"
    "      name: {type: text, nullable: false, default: \"'x'\"}\n";

// The documents to check, saved as <schema>--<n>.json.
class Outputs {
 public:
  Outputs() {
    dir_ = fs::temp_directory_path() / ("strata_json_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Outputs() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Saves r's stdout for `schema`; it must be one JSON document with ok and
  // exit_code agreeing with the process. Returns it.
  json add(const std::string& schema, const RunResult& r) {
    EXPECT_TRUE(json::accept(r.out)) << schema << "\n" << describe(r);
    if (!json::accept(r.out)) return json();
    json j = json::parse(r.out);
    EXPECT_EQ(j.value("exit_code", -1), r.exit_code) << schema << "\n" << describe(r);
    EXPECT_EQ(j.value("ok", r.exit_code != 0), r.exit_code == 0) << schema << "\n" << describe(r);
    write_file(dir_ / (schema + "--" + std::to_string(++count_) + ".json"), r.out);
    return j;
  }
  const fs::path& dir() const { return dir_; }
  int count() const { return count_; }

 private:
  fs::path dir_;
  int count_ = 0;
};

TEST(JsonInterface, EveryCommandsOutputMatchesItsSchemaInSuccessAndFailure) {
  E2EProject p;
  p.write_model("app.yaml", kModel);
  Outputs out;

  json first = out.add("status", p.strata({"status", "--json"}));
  EXPECT_TRUE(first["current"].is_null()) << first;
  EXPECT_TRUE(first["head"].is_null()) << first;
  ASSERT_FALSE(first["drift_items"].empty()) << first;
  EXPECT_EQ(first["drift_items"][0]["object"], "public.things") << first;
  EXPECT_EQ(first["drift_items"][0]["kind"], "table") << first;
  EXPECT_TRUE(first["drift_items"][0]["current"].is_null()) << first;

  out.add("validate", p.strata({"validate", "--json"}));
  out.add("history", p.strata({"history", "--json"}));
  out.add("diff", p.strata({"diff", "--json"}));
  json drift = out.add("check", p.strata({"check", "--json"}));
  ASSERT_FALSE(drift["problems"].empty()) << drift;
  EXPECT_EQ(drift["problems"][0]["kind"], "drift") << drift;
  EXPECT_EQ(drift["problems"][0]["file"], "schema/app.yaml") << drift;
  EXPECT_EQ(drift["problems"][0]["line"], 2) << drift;
  EXPECT_EQ(drift["problems"][0]["drift"][0]["kind"], "table") << drift;
  out.add("create", p.strata({"create", "things", "--dry-run", "--json"}));
  json created = out.add("create", p.strata({"create", "things", "--json"}));
  out.add("apply", p.strata({"apply", "--sql", "--json"}));
  json applied = out.add("apply", p.strata({"apply", "--json"}));
  EXPECT_TRUE(applied["from"].is_null()) << applied;
  EXPECT_TRUE(applied["backup_file"].is_null()) << applied;
  json at_head = out.add("status", p.strata({"status", "--json"}));
  EXPECT_EQ(at_head["current"], created["id"]) << at_head;
  out.add("check", p.strata({"check", "--json"}));
  json linted = out.add("lint", p.strata({"lint", "--json"}));
  EXPECT_EQ(linted["files"], 1) << linted;
  EXPECT_TRUE(linted["findings"].empty()) << linted;
  json history = out.add("history", p.strata({"history", "--json"}));
  EXPECT_TRUE(history["revisions"][0]["parent"].is_null()) << history;
  out.add("diff", p.strata({"diff", "--json", "--exit-code"}));
  json backup = out.add("backup", p.strata({"backup", "--json"}));
  out.add("stamp", p.strata({"stamp", created["id"].get<std::string>(), "--json"}));
  out.add("inspect", p.strata({"inspect", "--json"}));
  out.add("rollback", p.strata({"rollback", "-1", "--dry-run", "--json"}));
  out.add("rollback", p.strata({"rollback", "-1", "--sql", "--json"}));
  out.add("rollback", p.strata({"rollback", "-1", "--json"}));
  out.add("rebase", p.strata({"rebase", "--json"}));  // no fork: the error document
  out.add("adopt", p.strata({"adopt", "--json"}));    // models and revisions exist: refused
  out.add("restore", p.strata({"restore", backup.value("file", "none"), "--yes", "--json"}));
  out.add("audit", p.strata({"audit", "--limit", "5", "--json"}));
  out.add("token", p.strata({"token", "new", "deploy-bot", "--role", "admin", "--json"}));
  out.add("local", p.strata({"local", "status", "--json"}));
  {
    fs::path fresh = p.dir() / "fresh";
    fs::create_directories(fresh);
    RunOptions o = p.options();
    o.cwd = fresh;
    out.add("init", run(o, {"init", "--json"}));
  }

  // Failures: the error document, under each command's own schema.
  RunOptions down = p.options();
  down.env["DATABASE_URL"] = kUnreachable;
  for (std::string cmd : {"status", "check", "diff", "apply", "backup", "inspect", "audit"}) {
    json e = out.add(cmd, run(down, {cmd, "--json"}));
    EXPECT_EQ(e["exit_code"], 3) << cmd << " " << e;
  }
  // history lists the files without the database, and says why.
  json offline = out.add("history", run(down, {"history", "--json"}));
  EXPECT_EQ(offline["database_reachable"], false) << offline;
  EXPECT_TRUE(offline["current"].is_null()) << offline;
  out.add("rollback", run(down, {"rollback", "-1", "--json"}));
  out.add("stamp", run(down, {"stamp", "base", "--json"}));
  out.add("restore", p.strata({"restore", "no-such.dump", "--yes", "--json"}));
  out.add("token", p.strata({"token", "new", "x", "--role", "god", "--json"}));
  out.add("apply", p.strata({"apply", "99999999999999", "--json"}));
  out.add("error", p.strata({"statuss", "--json"}));
  out.add("error", p.strata({"local", "--json"}));
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      x: {type: bigitn}\n");
  for (std::string cmd : {"validate", "diff"}) out.add(cmd, p.strata({cmd, "--json"}));
  out.add("create", p.strata({"create", "x", "--json"}));
  json bad = out.add("check", p.strata({"check", "--json"}));
  EXPECT_EQ(bad["problems"][0]["column"], 17) << bad;
  EXPECT_TRUE(bad["problems"][0]["drift"].is_null()) << bad;
  out.add("lint", p.strata({"lint", "no-such.sql", "--json"}));

  // Hazards: an index built without CONCURRENTLY is a warning, a DROP TABLE
  // (data-loss, acknowledged by default) an error until the header allows it.
  p.write_model("app.yaml", kModel);
  p.write_revision("29990101000000", created["id"].get<std::string>(), "Risky",
                   "CREATE INDEX things_name_idx ON things (name);\nDROP TABLE things;\n",
                   "CREATE TABLE things (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x');\n");
  json lint_bad = out.add("lint", p.strata({"lint", "--json"}));
  EXPECT_EQ(lint_bad["exit_code"], 1) << lint_bad;
  ASSERT_EQ(lint_bad["findings"].size(), 2u) << lint_bad;
  EXPECT_EQ(lint_bad["findings"][0]["kind"], "blocks-writes") << lint_bad;
  EXPECT_EQ(lint_bad["findings"][0]["error"], false) << lint_bad;
  EXPECT_EQ(lint_bad["findings"][1]["kind"], "data-loss") << lint_bad;
  EXPECT_EQ(lint_bad["findings"][1]["error"], true) << lint_bad;
  json hazards = out.add("validate", p.strata({"validate", "--json"}));
  EXPECT_EQ(hazards["hazards"].size(), 2u) << hazards;
  json unacknowledged = out.add("check", p.strata({"check", "--json"}));
  EXPECT_EQ(unacknowledged["exit_code"], 1) << unacknowledged;
  EXPECT_EQ(unacknowledged["hazards"].size(), 1u) << unacknowledged;
  bool hazard_problem = false;
  for (const auto& problem : unacknowledged["problems"]) hazard_problem |= problem["kind"] == "hazard";
  EXPECT_TRUE(hazard_problem) << unacknowledged;

  std::string command = "python3 '" STRATA_SOURCE_DIR "/tests/e2e/check_json_schema.py' '" STRATA_SOURCE_DIR
                        "/docs/schema' '" + out.dir().string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string report;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) report.append(buf, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << report;
  EXPECT_THAT(report, HasSubstr(std::to_string(out.count()) + " documents checked, 0 not matching")) << report;
}

TEST(JsonInterface, DiffExitCodeSaysWhetherThereAreChanges) {
  E2EProject p;
  p.write_model("app.yaml", kModel);
  RunResult changes = p.strata({"diff", "--exit-code"});
  EXPECT_EQ(changes.exit_code, 1) << describe(changes);
  EXPECT_THAT(changes.out, HasSubstr("+ table public.things"));
  EXPECT_EQ(p.strata({"diff"}).exit_code, 0) << "without --exit-code, changes are no failure";
  ASSERT_EQ(p.strata({"create", "things"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult none = p.strata({"diff", "--exit-code", "--json"});
  EXPECT_EQ(none.exit_code, 0) << describe(none);
  EXPECT_EQ(json::parse(none.out)["ok"], true);
}

TEST(JsonInterface, GithubAnnotationsNameFileAndLineOfEveryFinding) {
  E2EProject p;
  p.write_model("app.yaml", kModel);
  // Drift: the table the database lacks, at its line in the model.
  RunResult drift = p.strata({"check", "--format", "github"});
  EXPECT_EQ(drift.exit_code, 1) << describe(drift);
  EXPECT_THAT(drift.out, HasSubstr("::error file=schema/app.yaml,line=2,col=3::the database differs from the "
                                   "models: + table public.things"))
      << describe(drift);

  // A fork: the parent line of the newer revision, the one to move.
  p.write_model("app.yaml", "tables: {}\n");
  p.write_revision("20260101000001", "", "First", "SELECT 1;\n", "SELECT 1;\n");
  p.write_revision("20260101000002", "20260101000001", "Second", "SELECT 1;\n", "SELECT 1;\n");
  p.write_revision("20260101000003", "20260101000001", "Other branch", "SELECT 1;\n", "SELECT 1;\n");
  RunResult fork = p.strata({"check", "--format", "github"});
  EXPECT_EQ(fork.exit_code, 1) << describe(fork);
  EXPECT_THAT(fork.out, HasSubstr("::error file=migrations/20260101000003_Other_branch.up.sql,line=2,col=1::fork"))
      << describe(fork);

  // An unreachable database and bad usage are annotations too.
  RunOptions down = p.options();
  down.env["DATABASE_URL"] = kUnreachable;
  RunResult unreachable = run(down, {"check", "--format", "github"});
  EXPECT_EQ(unreachable.exit_code, 3) << describe(unreachable);
  EXPECT_THAT(unreachable.out, HasSubstr("::error::cannot connect to PostgreSQL")) << describe(unreachable);
  RunResult usage = p.strata({"check", "--format", "github", "--bogus"});
  EXPECT_EQ(usage.exit_code, 2) << describe(usage);
  EXPECT_THAT(usage.out, HasSubstr("::error::strata check: the following argument was not expected: --bogus"))
      << describe(usage);
  // A configuration error carries its file and line.
  write_file(p.dir() / "strata.yaml", "database:\n  url: ${DATABASE_URL}\nlock_timeout: soon\n");
  RunResult config = p.strata({"check", "--format", "github"});
  EXPECT_EQ(config.exit_code, 2) << describe(config);
  EXPECT_THAT(config.out, HasSubstr("::error file=")) << describe(config);
  EXPECT_THAT(config.out, HasSubstr(",line=3")) << describe(config);
}

}  // namespace
}  // namespace strata::e2e
