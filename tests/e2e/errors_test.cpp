// Bad input through the binary: every case gets a message saying where and
// what, exit code 2, never "unexpected", and error lines reach the log file.

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"
#include "support/test_roles.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

void expect_usage_error(const RunResult& r, const std::string& text) {
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("error: ")) << describe(r);
  EXPECT_THAT(r.err, HasSubstr(text)) << describe(r);
  EXPECT_THAT(r.err, Not(HasSubstr("unexpected"))) << describe(r);
}

void one_revision(const E2EProject& p, const std::string& up_body) {
  p.write_revision("20260101000001", "", "Create things", up_body, "DROP TABLE things;\n");
}

TEST(Errors, RevisionBytesThatAreNotUtf8NameTheFileAndLine) {
  E2EProject p;
  one_revision(p, "CREATE TABLE things (id integer PRIMARY KEY, note text DEFAULT 'caf\xE9');\n");
  for (const char* cmd : {"validate", "apply", "status", "check"}) {
    RunResult r = p.strata({cmd});
    if (std::string(cmd) == "check") {
      EXPECT_EQ(r.exit_code, 1) << describe(r);  // check reports problems as findings
      EXPECT_THAT(r.out + r.err, HasSubstr("is not valid UTF-8")) << describe(r);
      continue;
    }
    expect_usage_error(r, "migrations/20260101000001_Create_things.up.sql:7");
    EXPECT_THAT(r.err, HasSubstr("(0xE9) is not valid UTF-8")) << cmd;
  }
  RunResult j = p.strata({"validate", "--json"});
  EXPECT_EQ(j.exit_code, 2);
  EXPECT_TRUE(nlohmann::json::accept(j.out)) << j.out;
}

TEST(Errors, AByteOrderMarkIsNamed) {
  E2EProject p;
  fs::path up = p.dir() / "migrations" / "20260101000001_x.up.sql";
  write_file(up, "\xEF\xBB\xBF-- strata:revision 20260101000001\n-- strata:parent none\n-- strata:message x\n");
  write_file(p.dir() / "migrations" / "20260101000001_x.down.sql", "");
  expect_usage_error(p.strata({"validate"}), "20260101000001_x.up.sql:1:1: the file starts with a UTF-8 byte order mark");
  expect_usage_error(p.strata({"status"}), "20260101000001_x.up.sql:1:1: the file starts with a UTF-8 byte order mark");
}

TEST(Errors, ConfigMustBeAFileAndNotEmpty) {
  E2EProject p;
  fs::create_directories(p.dir() / "conf");
  RunResult dir = p.strata({"--config", "conf", "status"});
  expect_usage_error(dir, "is a directory");
  EXPECT_FALSE(fs::exists(p.dir() / ".strata")) << "no local server may be started";

  write_file(p.dir() / "strata.yaml", "");
  RunOptions o = p.options();
  o.env.erase("DATABASE_URL");
  o.env["DATABASE_URL"] = "";
  expect_usage_error(run(o, {"status"}), "the configuration file is empty");
  EXPECT_FALSE(fs::exists(p.dir() / ".strata")) << "no local server may be started";
}

TEST(Errors, MalformedUrlsAreBadInputNamingTheirSourceWithoutThePassword) {
  E2EProject p;
  one_revision(p, "SELECT 1;\n");
  RunOptions o = p.options();
  for (std::string url : {"postgresql://app:s3cretpw@db.example:notaport/app", "postgresql://app:s3cretpw@[::1/app",
                          "host=db password=s3cretpw port=5x", "postgresql://app:s3cretpw@db/app?bogus=1"}) {
    o.env["DATABASE_URL"] = url;
    for (const char* cmd : {"status", "apply", "diff"}) {
      RunResult r = run(o, {cmd});
      expect_usage_error(r, "the database URL from DATABASE_URL (environment) is malformed");
      EXPECT_THAT(r.err, Not(HasSubstr("s3cretpw"))) << url;
    }
    RunResult j = run(o, {"status", "--json"});
    EXPECT_THAT(j.out, Not(HasSubstr("s3cretpw")));
  }
  write_file(p.dir() / "strata.yaml", "database:\n  url: postgresql://app:s3cretpw@db:99999/app\n");
  o.env.erase("DATABASE_URL");
  o.env["DATABASE_URL"] = "";
  RunResult r = run(o, {"status"});
  expect_usage_error(r, "strata.yaml:2:8 (database.url) is malformed: invalid port \"99999\"");
  EXPECT_THAT(r.err, Not(HasSubstr("s3cretpw")));
}

TEST(Errors, ConfigurationTypesAndKeysAreStrict) {
  E2EProject p;
  struct Case {
    std::string yaml;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"database: {url: local}\nschemas: public\n", "strata.yaml:2:10: schemas must be a list"},
           {"database: {url: local}\nschemas: [public]\nschemas: [other]\n",
            "strata.yaml:3:1: duplicate key 'schemas' (first at line 2, column 1)"},
           {"database: {url: local}\nlock_timeout: 99999999999999999999h\n",
            "strata.yaml:2:15: lock_timeout: '99999999999999999999h' is not a duration"},
           {"database: {url: local}\nrevisions: {template: \"{date}_{bogus}\"}\n",
            "unknown field {bogus} in '{date}_{bogus}'; the fields are {date}, {time}, {id} and {slug}"},
       }) {
    write_file(p.dir() / "strata.yaml", c.yaml);
    expect_usage_error(p.strata({"validate"}), c.message);
  }
}

TEST(Errors, AQuotedBooleanInAModelIsAString) {
  E2EProject p;
  p.write_model("users.yaml", "tables:\n  users:\n    columns:\n      id: {type: bigint, nullable: \"false\"}\n");
  expect_usage_error(p.strata({"validate"}),
                     "schema/users.yaml:4:36: nullable must be true or false, not the string \"false\"");
  expect_usage_error(p.strata({"diff"}), "schema/users.yaml:4:36: nullable must be true or false, not the string \"false\"");
}

TEST(Errors, ModelBytesThatAreNotUtf8NameTheFileAndLine) {
  E2EProject p;
  p.write_model("t.yaml", "tables:\n  t:\n    columns:\n      a: {type: text, default: \"'caf\xE9'\"}\n");
  for (const char* cmd : {"validate", "diff", "create"}) {
    RunResult r = cmd == std::string("create") ? p.strata({cmd, "x"}) : p.strata({cmd});
    expect_usage_error(r, "schema/t.yaml:4");
    EXPECT_THAT(r.err, HasSubstr("byte 62 (0xE9) is not valid UTF-8; model files must be UTF-8")) << cmd;
  }
}

TEST(Errors, FileSystemProblemsAreReportedNotUnexpected) {
  E2EProject p;
  p.write_model("users.yaml", "tables:\n  users:\n    columns:\n      id: bigint\n");
  fs::create_symlink("loop", p.dir() / "schema" / "loop");
  expect_usage_error(p.strata({"validate"}), "loop");

  fs::remove(p.dir() / "schema" / "loop");
  write_file(p.dir() / "out.yaml", "keep me\n");
  expect_usage_error(p.strata({"inspect", "--out", "out.yaml"}), "--out out.yaml is a file");
  EXPECT_EQ(read_file(p.dir() / "out.yaml"), "keep me\n");
}

TEST(Errors, ErrorLinesReachTheLogFile) {
  E2EProject p;
  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer);\n", "DROP TABLE things;\n");
  RunResult r = p.strata({"apply", "nonsense"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  ASSERT_THAT(r.err, HasSubstr("error: unknown revision 'nonsense'"));
  std::string line = r.err.substr(r.err.find("error: ") + 7);
  line = line.substr(0, line.find('\n'));
  std::string log = read_file(p.dir() / "logs" / "strata.log");
  EXPECT_THAT(log, HasSubstr(" error " + line)) << log;
}

// Roles stay outside the models. A role the models name that the server
// lacks stops diff and create at its first mention; check reports it as a
// model problem beside what else it finds (here the drift of the new table).
TEST(Errors, AMissingRoleStopsDiffAndCreateAndIsAProblemOfCheck) {
  E2EProject p;
  const std::string role = testing::unique_role_name("strata_e2e_missing");
  p.write_model("app.yaml", "tables:\n"
                            "  docs:\n"
                            "    columns: {id: bigint}\n"
                            "    policies:\n"
                            "      own: {roles: [" + role + "], using: \"true\"}\n");
  const std::string where = "schema/app.yaml:5:21: role '" + role + "' does not exist on the server";
  expect_usage_error(p.strata({"diff"}), where);
  expect_usage_error(p.strata({"create", "Docs"}), where);
  EXPECT_TRUE(p.revision_files().empty());

  RunResult r = p.strata({"check", "--json"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  auto doc = nlohmann::json::parse(r.out);
  bool role_problem = false, drift = false;
  for (const auto& problem : doc["problems"]) {
    if (problem["kind"] == "model") {
      EXPECT_EQ(problem["file"], "schema/app.yaml");
      EXPECT_EQ(problem["line"], 5);
      EXPECT_EQ(problem["column"], 21);
      EXPECT_THAT(problem["message"].get<std::string>(), HasSubstr("role '" + role + "' does not exist"));
      role_problem = true;
    }
    if (problem["kind"] == "drift") drift = true;
  }
  EXPECT_TRUE(role_problem) << r.out;
  EXPECT_TRUE(drift) << r.out;
}

}  // namespace
}  // namespace strata::e2e
