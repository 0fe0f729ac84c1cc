// The command line's manners through the binary: unknown commands, usage
// errors as JSON and annotations, --help texts, colour, the progress line of
// a long apply, one format for model errors, and the string-literal hint.

#include <filesystem>
#include <regex>

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

// Runs with the colour and CI variables of the outer environment cleared.
RunResult plain(const E2EProject& p, const std::vector<std::string>& args,
                std::map<std::string, std::string> env = {}) {
  RunOptions o = p.options();
  for (const char* name : {"NO_COLOR", "CLICOLOR_FORCE", "CI"})
    if (!env.count(name)) o.env[name] = "";
  for (auto& [k, v] : env) o.env[k] = v;
  return run(o, args);
}

TEST(CliManners, AnUnknownCommandIsNamedWithTheNearestOne) {
  E2EProject p;
  RunResult r = plain(p, {"statuss"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("error: unknown command 'statuss' (did you mean 'status'?)")) << describe(r);
  EXPECT_THAT(r.err, Not(HasSubstr("A subcommand is required"))) << describe(r);

  RunResult api = plain(p, {"api"});
  EXPECT_EQ(api.exit_code, 2) << describe(api);
  EXPECT_THAT(api.err, HasSubstr("error: unknown command 'api'")) << describe(api);
  EXPECT_THAT(api.err, Not(HasSubstr("A subcommand is required"))) << describe(api);

  RunResult local = plain(p, {"local", "statu"});
  EXPECT_EQ(local.exit_code, 2) << describe(local);
  EXPECT_THAT(local.err, HasSubstr("unknown command 'statu' of `strata local` (did you mean 'status'?)"))
      << describe(local);

  RunResult none = plain(p, {});
  EXPECT_EQ(none.exit_code, 2) << describe(none);
  EXPECT_THAT(none.err, HasSubstr("error: no command given; `strata --help` lists them")) << describe(none);
}

TEST(CliManners, ServeIsARealCommand) {
  E2EProject p;
  // Without a project serve says so (it ran), never "A subcommand is required".
  fs::remove(p.dir() / "strata.yaml");
  RunResult r = plain(p, {"serve"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, Not(HasSubstr("subcommand"))) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("error: no strata.yaml")) << describe(r);
}

TEST(CliManners, JsonHoldsForUsageErrors) {
  E2EProject p;
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"statuss", "--json"}, {"status", "--json", "--bogus"}, {"--json", "rollback"}, {"check", "--json", "--format", "xml"}}) {
    RunResult r = plain(p, args);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    ASSERT_TRUE(json::accept(r.out)) << describe(r);
    json j = json::parse(r.out);
    EXPECT_EQ(j["ok"], false) << r.out;
    EXPECT_EQ(j["exit_code"], 2) << r.out;
    ASSERT_EQ(j["errors"].size(), 1u) << r.out;
    EXPECT_THAT(r.err, HasSubstr("error: ")) << describe(r);
  }
  RunResult bogus = plain(p, {"status", "--json", "--bogus"});
  EXPECT_THAT(bogus.out, HasSubstr("--bogus")) << describe(bogus);
  EXPECT_THAT(bogus.out, HasSubstr("strata status --help")) << describe(bogus);
}

TEST(CliManners, EveryHelpHasExamplesAndExitCodes) {
  E2EProject p;
  std::vector<std::vector<std::string>> commands = {
      {},         {"init"},  {"status"},  {"create"}, {"apply"},   {"rollback"}, {"history"},
      {"check"},  {"validate"}, {"lint"}, {"diff"}, {"backup"}, {"restore"}, {"stamp"},    {"inspect"},
      {"local"},  {"local", "start"}, {"local", "stop"}, {"local", "status"}, {"serve"},
      {"token"},  {"token", "new"}, {"audit"}, {"rebase"}, {"adopt"}};
  for (auto args : commands) {
    args.push_back("--help");
    RunResult r = plain(p, args);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_THAT(r.out, HasSubstr("Examples:\n  strata")) << describe(r);
    EXPECT_THAT(r.out, HasSubstr("Exit codes:\n  0  fine")) << describe(r);
    EXPECT_THAT(r.out, HasSubstr("3  the database cannot be reached")) << describe(r);
  }
  EXPECT_THAT(plain(p, {"diff", "--help"}).out, HasSubstr("--exit-code"));
}

// A project whose database lacks one table of the models.
void one_table(const E2EProject& p) {
  p.write_model("app.yaml", "tables:\n  things:\n    columns:\n      id: {type: bigint, primary_key: true}\n");
}

TEST(CliManners, ColourOnlyWhenAskedForAndNeverWithNoColor) {
  E2EProject p;
  one_table(p);
  RunResult piped = plain(p, {"diff"});
  EXPECT_EQ(piped.exit_code, 0) << describe(piped);
  EXPECT_THAT(piped.out, HasSubstr("+ table public.things")) << describe(piped);
  EXPECT_THAT(piped.out, Not(HasSubstr("\x1b["))) << describe(piped);

  RunResult forced = plain(p, {"diff"}, {{"CLICOLOR_FORCE", "1"}});
  EXPECT_THAT(forced.out, HasSubstr("\x1b[32m+ table public.things\x1b[0m")) << describe(forced);

  RunResult dry = plain(p, {"create", "things", "--dry-run"}, {{"CLICOLOR_FORCE", "1"}});
  EXPECT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_THAT(dry.out, HasSubstr("--   \x1b[32m+ table public.things\x1b[0m")) << describe(dry);

  RunResult no_color = plain(p, {"diff"}, {{"CLICOLOR_FORCE", "1"}, {"NO_COLOR", "1"}});
  EXPECT_THAT(no_color.out, Not(HasSubstr("\x1b["))) << describe(no_color);
  RunResult json_out = plain(p, {"diff", "--json"}, {{"CLICOLOR_FORCE", "1"}});
  EXPECT_THAT(json_out.out, Not(HasSubstr("\x1b["))) << describe(json_out);
}

TEST(CliManners, ALongApplyShowsProgressUnlessQuietOrInCi) {
  auto slow_project = [](const E2EProject& p) {
    p.write_revision("20260101000001", "", "Slow", "CREATE TABLE slow (id integer);\nSELECT pg_sleep(3);\n",
                     "DROP TABLE slow;\n");
  };
  {
    E2EProject p;
    slow_project(p);
    RunResult r = plain(p, {"apply"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(std::regex_search(r.err, std::regex("apply: revision 1 of 1 \\(20260101000001\\), statement 2 of 2: "
                                                    "SELECT pg_sleep\\(3\\), [0-9]+\\.[0-9] s")))
        << describe(r);
  }
  {
    E2EProject p;
    slow_project(p);
    RunResult r = plain(p, {"apply"}, {{"CI", "true"}});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_THAT(r.err, Not(HasSubstr("apply: revision"))) << describe(r);
  }
  {
    E2EProject p;
    slow_project(p);
    RunResult r = plain(p, {"-q", "apply"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_THAT(r.err, Not(HasSubstr("apply: revision"))) << describe(r);
  }
}

TEST(CliManners, AQuotedYamlStringAsDefaultAsksForSqlQuotes) {
  E2EProject p;
  p.write_model("app.yaml",
                "tables:\n  t:\n    columns:\n      id: bigint\n      s: {type: text, default: 'new'}\n");
  for (const char* cmd : {"validate", "diff"}) {
    RunResult r = plain(p, {cmd});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_THAT(r.err, HasSubstr("schema/app.yaml:5:33: default of column 's': a string literal needs its SQL "
                                 "quotes: \"'new'\""))
        << describe(r);
    EXPECT_THAT(r.err, Not(HasSubstr("cannot refer to column"))) << describe(r);
  }
}

TEST(CliManners, ModelErrorsReadFileLineColumnInEveryCommand) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      x: {type: bigitn}\n");
  const std::string want = "schema/app.yaml:4:17: unknown type 'bigitn' (did you mean 'bigint'?)";
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"validate"}, {"diff"}, {"create", "x"}, {"check"}}) {
    RunResult r = plain(p, args);
    std::string all = r.out + r.err;
    // Relative to the project, as validate and check print it: the same line everywhere.
    EXPECT_THAT(all, HasSubstr(": " + want)) << describe(r);
    EXPECT_THAT(all, Not(HasSubstr(p.dir().string()))) << describe(r);
  }
  RunResult gh = plain(p, {"check", "--format", "github"});
  EXPECT_THAT(gh.out, HasSubstr("::error file=schema/app.yaml,line=4,col=17::unknown type 'bigitn'")) << describe(gh);
}

}  // namespace
}  // namespace strata::e2e
