// `strata lint` and hazard acknowledgement through the binary: exit codes,
// positions, --format github, the project's hazards.acknowledge, and check,
// validate and create gating on unacknowledged hazards.

#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const char* kRisky =
    "CREATE INDEX t_a_idx ON t (a);\n"
    "DROP TABLE old_things;\n";

TEST(E2ELint, ExitCodesPositionsAndAcknowledgement) {
  E2EProject p;
  write_file(p.dir() / "risky.sql", kRisky);
  write_file(p.dir() / "allowed.sql", std::string("-- strata:allow data-loss\n") + kRisky);
  write_file(p.dir() / "safe.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n");

  RunResult risky = p.strata({"lint", "risky.sql"});
  EXPECT_EQ(risky.exit_code, 1) << describe(risky);
  EXPECT_THAT(risky.out, HasSubstr("risky.sql:1:1: blocks-writes: CREATE INDEX blocks writes to t for the whole "
                                   "build; use CREATE INDEX CONCURRENTLY in a -- strata:step no-transaction step\n"));
  EXPECT_THAT(risky.out, HasSubstr("risky.sql:2:1: data-loss: DROP TABLE old_things loses its rows"));
  EXPECT_THAT(risky.out, HasSubstr("[not acknowledged: acknowledge it with `-- strata:allow data-loss`"));
  EXPECT_THAT(risky.out, HasSubstr("2 findings in 1 file, 1 not acknowledged"));

  RunResult allowed = p.strata({"lint", "allowed.sql"});
  EXPECT_EQ(allowed.exit_code, 0) << describe(allowed);
  EXPECT_THAT(allowed.out, HasSubstr("allowed.sql:3:1: data-loss: DROP TABLE"));
  EXPECT_THAT(allowed.out, Not(HasSubstr("not acknowledged")));

  RunResult safe = p.strata({"lint", "safe.sql"});
  EXPECT_EQ(safe.exit_code, 0) << describe(safe);
  EXPECT_EQ(safe.out, "0 findings in 1 file\n");

  RunResult both = p.strata({"lint", "safe.sql", "risky.sql", "--json"});
  EXPECT_EQ(both.exit_code, 1) << describe(both);
  auto doc = nlohmann::json::parse(both.out);
  EXPECT_EQ(doc["files"], 2);
  ASSERT_EQ(doc["findings"].size(), 2u);
  EXPECT_EQ(doc["findings"][1]["kind"], "data-loss");
  EXPECT_EQ(doc["findings"][1]["line"], 2);
  EXPECT_EQ(doc["findings"][1]["error"], true);
}

TEST(E2ELint, GithubFormatPrintsAnnotations) {
  E2EProject p;
  write_file(p.dir() / "risky.sql", kRisky);
  RunResult r = p.strata({"lint", "--format", "github", "risky.sql"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("::warning file=risky.sql,line=1,col=1::blocks-writes: CREATE INDEX blocks writes"));
  EXPECT_THAT(r.out, HasSubstr("::error file=risky.sql,line=2,col=1::data-loss: DROP TABLE old_things"));
  EXPECT_THAT(r.out, Not(HasSubstr("findings in")));
}

TEST(E2ELint, UnreadableOrUnparseableInputIsExitTwoWithThePosition) {
  E2EProject p;
  write_file(p.dir() / "broken.sql", "SELECT 1;\nALTER TABLE t DROPP COLUMN a;\n");
  RunResult broken = p.strata({"lint", "broken.sql"});
  EXPECT_EQ(broken.exit_code, 2) << describe(broken);
  EXPECT_THAT(broken.err, HasSubstr("broken.sql:2:"));
  EXPECT_THAT(broken.err, HasSubstr("does not parse"));

  write_file(p.dir() / "typo.sql", "-- strata:allow dataloss\nDROP TABLE t;\n");
  RunResult typo = p.strata({"lint", "typo.sql"});
  EXPECT_EQ(typo.exit_code, 2) << describe(typo);
  EXPECT_THAT(typo.err, HasSubstr("typo.sql:1:17: unknown hazard kind 'dataloss'"));

  RunResult missing = p.strata({"lint", "nowhere.sql"});
  EXPECT_EQ(missing.exit_code, 2) << describe(missing);
  EXPECT_THAT(missing.err, HasSubstr("nowhere.sql: cannot read the file"));
}

TEST(E2ELint, TheProjectChoosesTheKindsThatNeedAcknowledging) {
  E2EProject p;
  write_file(p.dir() / "risky.sql", kRisky);
  write_file(p.dir() / "strata.yaml",
             "database:\n  url: ${DATABASE_URL:-local}\nhazards:\n  acknowledge: [blocks-writes]\n");
  RunResult r = p.strata({"lint", "risky.sql", "--json"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["findings"][0]["error"], true);   // blocks-writes
  EXPECT_EQ(doc["findings"][1]["error"], false);  // data-loss

  write_file(p.dir() / "strata.yaml",
             "database:\n  url: ${DATABASE_URL:-local}\nhazards:\n  acknowledge: [data-loss, dataloss]\n");
  RunResult bad = p.strata({"lint", "risky.sql"});
  EXPECT_EQ(bad.exit_code, 2) << describe(bad);
  EXPECT_THAT(bad.err, HasSubstr("strata.yaml:4:28: hazards.acknowledge: unknown hazard kind 'dataloss'"));
}

TEST(E2ELint, WithoutFilesLintsTheRevisions) {
  E2EProject p;
  p.write_revision("20261125100000", "", "Create t", "CREATE TABLE t (a int, b int);\nCREATE INDEX ON t (a);\n",
                   "DROP TABLE t;\n");
  RunResult clean = p.strata({"lint"});
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);  // t is new in that file
  EXPECT_THAT(clean.out, HasSubstr("0 findings in 1 file"));
  p.write_revision("20261125100100", "20261125100000", "Drop b", "ALTER TABLE t DROP COLUMN b;\n",
                   "ALTER TABLE t ADD COLUMN b int;\n");
  RunResult r = p.strata({"lint"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("migrations/20261125100100_Drop_b.up.sql:7:1: data-loss: DROP COLUMN b"));
}

TEST(E2ELint, CheckFailsOnAnUnacknowledgedHandWrittenRevisionAndValidateWarns) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      a: integer\n");
  p.write_revision("20261125100000", "", "Create t", "CREATE TABLE public.t (a integer, b integer);\n",
                   "DROP TABLE public.t;\n");
  fs::path up = p.write_revision("20261125100100", "20261125100000", "Drop b",
                                 "ALTER TABLE public.t DROP COLUMN b;\nCREATE INDEX t_a_idx ON public.t (a);\n"
                                 "DROP INDEX public.t_a_idx;\n",
                                 "ALTER TABLE public.t ADD COLUMN b integer;\n");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);

  RunResult check = p.strata({"check"});
  EXPECT_EQ(check.exit_code, 1) << describe(check);
  EXPECT_THAT(check.out, HasSubstr("problem: migrations/20261125100100_Drop_b.up.sql:7:1: data-loss: DROP COLUMN b"));
  EXPECT_THAT(check.out, HasSubstr("(not acknowledged: acknowledge it with `-- strata:allow data-loss`"));
  EXPECT_THAT(check.out, HasSubstr("warning: migrations/20261125100100_Drop_b.up.sql:8:1: blocks-writes: CREATE INDEX"));
  RunResult github = p.strata({"check", "--format", "github"});
  EXPECT_EQ(github.exit_code, 1) << describe(github);
  EXPECT_THAT(github.out, HasSubstr("::error file=migrations/20261125100100_Drop_b.up.sql,line=7,col=1::data-loss: DROP COLUMN b"));
  EXPECT_THAT(github.out, HasSubstr("::warning file=migrations/20261125100100_Drop_b.up.sql,line=8,col=1::blocks-writes"));

  RunResult validate = p.strata({"validate"});
  EXPECT_EQ(validate.exit_code, 0) << describe(validate);
  EXPECT_THAT(validate.out, HasSubstr("warning: migrations/20261125100100_Drop_b.up.sql:7:1: data-loss: DROP COLUMN b"));
  EXPECT_THAT(validate.out, HasSubstr("check fails on it"));

  // Acknowledging it in the header of the applied file: check passes, and
  // the file does not count as edited.
  std::string text = read_file(up);
  write_file(up, "-- strata:allow data-loss\n" + text);
  RunResult again = p.strata({"check"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.out, Not(HasSubstr("edited")));
  // Any other edit still is one.
  write_file(up, "-- strata:allow data-loss\n" + text + "SELECT 1;\n");
  RunResult edited = p.strata({"check"});
  EXPECT_EQ(edited.exit_code, 1) << describe(edited);
  EXPECT_THAT(edited.out, HasSubstr("edited"));
}

TEST(E2ELint, CreateRefusesAnUnacknowledgedHazardAndAllowWritesTheHeaderLine) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n");
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      a: integer\n");

  RunResult refused = p.strata({"create", "Drop b"});
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("data-loss: DROP COLUMN b"));
  EXPECT_THAT(refused.err, HasSubstr("run create again with --allow data-loss"));
  EXPECT_EQ(p.revision_files().size(), 1u);  // nothing written

  RunResult unknown = p.strata({"create", "Drop b", "--allow", "dataloss"});
  EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
  EXPECT_THAT(unknown.err, HasSubstr("unknown hazard kind 'dataloss'"));

  RunResult created = p.strata({"create", "Drop b", "--allow", "data-loss"});
  ASSERT_EQ(created.exit_code, 0) << describe(created);
  auto files = p.revision_files();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_THAT(read_file(files[1]), HasSubstr("\n-- strata:allow   data-loss\n"));
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult check = p.strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
  RunResult lint = p.strata({"lint"});
  EXPECT_EQ(lint.exit_code, 0) << describe(lint);
}

}  // namespace
}  // namespace strata::e2e
