// End to end: each command through the built `strata` binary, its success
// path and its failures, against a fresh database per test.

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

const char* kUsersV1 = R"(tables:
  users:
    columns:
      id:    {type: bigint, identity: always, primary_key: true}
      email: {type: text, nullable: false, unique: true}
)";

const char* kUsersV2 = R"(tables:
  users:
    columns:
      id:         {type: bigint, identity: always, primary_key: true}
      email:      {type: text, nullable: false, unique: true}
      avatar_url: text
)";

// Two hand-written revisions: a table, then a column.
void two_revisions(const E2EProject& p) {
  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  p.write_revision("20260101000002", "20260101000001", "Add name", "ALTER TABLE things ADD COLUMN name text;\n",
                   "ALTER TABLE things DROP COLUMN name;\n");
}

TEST(E2E, UnreachableDatabaseExitsWith3) {
  E2EProject p;
  two_revisions(p);
  RunOptions o = p.options();
  o.env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=3";
  for (const char* cmd : {"status", "apply", "check"}) {
    RunResult r = run(o, {cmd});
    EXPECT_EQ(r.exit_code, 3) << cmd << "\n" << describe(r);
    EXPECT_THAT(r.err, HasSubstr("error: ")) << cmd;
    EXPECT_THAT(r.err, HasSubstr("127.0.0.1")) << cmd;
  }
  RunResult j = run(o, {"status", "--json"});
  EXPECT_EQ(j.exit_code, 3);
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["exit_code"], 3);
  EXPECT_FALSE(doc["errors"].empty());
}

TEST(E2E, HelpForEveryCommand) {
  E2EProject p;
  for (const char* cmd : {"init", "status", "create", "apply", "rollback", "history", "check", "validate", "diff",
                          "backup", "restore", "stamp", "inspect", "adopt", "local", "lint"}) {
    RunResult r = p.strata({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd << describe(r);
    EXPECT_THAT(r.out, HasSubstr("--json")) << cmd;
  }
  RunResult bad = p.strata({"frobnicate"});
  EXPECT_EQ(bad.exit_code, 2) << describe(bad);
  RunResult missing = p.strata({"rollback"});
  EXPECT_EQ(missing.exit_code, 2) << describe(missing);
}

TEST(E2E, ValidateSummarizesModelsAndRevisions) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV2);
  two_revisions(p);
  RunResult r = p.strata({"validate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("1 table,"));
  EXPECT_THAT(r.out, HasSubstr("3 columns"));
  EXPECT_THAT(r.out, HasSubstr("2 revisions"));
  RunResult j = p.strata({"validate", "--json"});
  ASSERT_EQ(j.exit_code, 0);
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["counts"]["tables"], 1);
  EXPECT_EQ(doc["revisions"], 2);
  EXPECT_EQ(doc["head"], "20260101000002");
}

TEST(E2E, ValidateReportsEveryBadFileWithItsLine) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  users:\n    columns:\n      id: {type: bigitn}\n");
  p.write_revision("20260101000001", "", "Broken", "CREATE TABLE (;\n", "SELECT 1;\n");
  RunResult r = p.strata({"validate"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("app.yaml:4:"));  // line and column
  EXPECT_THAT(r.err, HasSubstr("bigint"));  // the suggestion
  EXPECT_THAT(r.err, HasSubstr("20260101000001_Broken.up.sql"));
}

TEST(E2E, ADuplicateAcrossFilesNamesBothFilesRelativeToTheProject) {
  E2EProject p;
  p.write_model("a.yaml", "tables:\n  users:\n    columns:\n      id: bigint\n");
  p.write_model("b.yaml", "tables:\n  users:\n    columns:\n      id: bigint\n");
  RunResult r = p.strata({"validate"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("duplicate table 'public.users' (first defined at schema/a.yaml:2:3)"));
  EXPECT_THAT(r.err, Not(HasSubstr(p.dir().string()))) << "no absolute path in a message";
}

TEST(E2E, ValidateRefusesAModelSchemaThatIsNotManaged) {
  E2EProject p;  // strata.yaml manages [public] only
  p.write_model("app.yaml", kUsersV1);
  p.write_model("audit.yaml", "schema: audit\ntables:\n  events:\n    columns:\n      id: bigint\n");
  RunResult r = p.strata({"validate"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("strata.yaml"));
  EXPECT_THAT(r.err, HasSubstr("schema 'audit'"));
  EXPECT_THAT(r.err, HasSubstr("add it there"));
}

TEST(E2E, InitCreatesTheProjectAndNeverOverwrites) {
  E2EProject p;
  fs::path dir = p.dir() / "fresh";
  fs::create_directories(dir);
  RunOptions o = p.options();
  o.cwd = dir;
  RunResult r = run(o, {"init"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(fs::exists(dir / "strata.yaml"));
  EXPECT_TRUE(fs::is_directory(dir / "schema"));
  EXPECT_TRUE(fs::is_directory(dir / "migrations"));
  EXPECT_TRUE(fs::is_directory(dir / "backups"));
  EXPECT_THAT(r.out, HasSubstr("database ready"));
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata'"), "1");

  // (An empty file is an error; a file of one's own is kept as it is.)
  write_file(dir / "strata.yaml", "# mine\nschemas: [public]\n");
  RunResult again = run(o, {"init"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(read_file(dir / "strata.yaml"), "# mine\nschemas: [public]\n");
  EXPECT_THAT(again.out, HasSubstr("kept"));
  RunResult v = run(o, {"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
}

TEST(E2E, WorkflowCreateApplyStatusCheckHistoryRollback) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV1);
  RunResult c1 = p.strata({"create", "Initial schema"});
  ASSERT_EQ(c1.exit_code, 0) << describe(c1);
  ASSERT_EQ(p.revision_files().size(), 1u);
  EXPECT_THAT(read_file(p.revision_files()[0]), HasSubstr("-- strata:message  Initial schema"));
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"), "0");  // proof rolled back

  RunResult a1 = p.strata({"apply"});
  ASSERT_EQ(a1.exit_code, 0) << describe(a1);
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"), "1");

  p.write_model("app.yaml", kUsersV2);
  RunResult c2 = p.strata({"create", "Add user avatar field"});
  ASSERT_EQ(c2.exit_code, 0) << describe(c2);
  ASSERT_EQ(p.revision_files().size(), 2u);
  std::string up2 = read_file(p.revision_files()[1]);
  EXPECT_THAT(up2, HasSubstr("avatar_url"));

  RunResult st = p.strata({"status", "--json"});
  ASSERT_EQ(st.exit_code, 0) << describe(st);
  auto doc = nlohmann::json::parse(st.out);
  EXPECT_EQ(doc["pending"].size(), 1u);

  RunResult chk_behind = p.strata({"check"});
  EXPECT_EQ(chk_behind.exit_code, 1) << describe(chk_behind);
  EXPECT_THAT(chk_behind.out, HasSubstr("behind head"));

  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult chk = p.strata({"check"});
  EXPECT_EQ(chk.exit_code, 0) << describe(chk);
  RunResult st2 = p.strata({"status", "--json"});
  auto doc2 = nlohmann::json::parse(st2.out);
  EXPECT_TRUE(doc2["pending"].empty());
  EXPECT_EQ(doc2["drift"], false);
  EXPECT_EQ(doc2["current"], doc2["head"]);

  RunResult hist = p.strata({"history", "--json"});
  ASSERT_EQ(hist.exit_code, 0) << describe(hist);
  auto h = nlohmann::json::parse(hist.out);
  ASSERT_EQ(h["revisions"].size(), 2u);
  EXPECT_TRUE(h["revisions"][0]["applied"]);
  EXPECT_FALSE(h["revisions"][0]["applied_by"].get<std::string>().empty());

  RunResult rb = p.strata({"rollback", "-1", "--yes"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_EQ(p.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'avatar_url'"), "0");
  EXPECT_EQ(p.current_revision(), h["revisions"][0]["id"].get<std::string>());

  // Every mutating command left an audit row with who and result.
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'apply'"), "2");
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'rollback'"), "1");
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'create'"), "2");
}

TEST(E2E, CreateWithNothingToDoWritesNothing) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV1);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult r = p.strata({"create", "Again"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("no changes"));
  EXPECT_EQ(p.revision_files().size(), 1u);
}

TEST(E2E, CreateRefusesWhileBehindHead) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV1);
  ASSERT_EQ(p.strata({"create", "Initial"}).exit_code, 0);
  p.write_model("app.yaml", kUsersV2);
  RunResult r = p.strata({"create", "Avatar"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("behind head"));
  EXPECT_EQ(p.revision_files().size(), 1u);
}

TEST(E2E, CreateDryRunAndEmpty) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV1);
  RunResult dry = p.strata({"create", "Initial", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_THAT(dry.out, HasSubstr("CREATE TABLE"));
  EXPECT_TRUE(p.revision_files().empty());

  RunResult empty = p.strata({"create", "Backfill by hand", "--empty"});
  ASSERT_EQ(empty.exit_code, 0) << describe(empty);
  ASSERT_EQ(p.revision_files().size(), 1u);
  EXPECT_THAT(read_file(p.revision_files()[0]), HasSubstr("-- strata:message  Backfill by hand"));
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
}

TEST(E2E, ForkMakesCheckFail) {
  E2EProject p;
  p.write_model("app.yaml", "tables: {}\n");
  two_revisions(p);
  p.write_revision("20260101000003", "20260101000001", "Other branch", "SELECT 1;\n", "SELECT 1;\n");
  RunResult r = p.strata({"check"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("20260101000002"));
  EXPECT_THAT(r.out, HasSubstr("20260101000003"));
  RunResult gh = p.strata({"check", "--format", "github"});
  EXPECT_EQ(gh.exit_code, 1);
  EXPECT_THAT(gh.out, HasSubstr("::error file=migrations/"));
  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 2) << describe(a);
}

TEST(E2E, EditedAppliedFileIsReported) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  things:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                            "      name: text\n");
  two_revisions(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  ASSERT_EQ(p.strata({"check"}).exit_code, 0) << describe(p.strata({"check"}));
  fs::path first = p.revision_files()[0];
  write_file(first, read_file(first) + "-- an innocent edit\n");
  RunResult r = p.strata({"check"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("20260101000001"));
  RunResult st = p.strata({"status", "--json"});
  auto doc = nlohmann::json::parse(st.out);
  ASSERT_EQ(doc["edited"].size(), 1u);
  EXPECT_EQ(doc["edited"][0]["id"], "20260101000001");
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << "validate is offline; it cannot know" << describe(v);
}

TEST(E2E, FailingSqlLeavesDatabaseAndRevisionUnchanged) {
  E2EProject p;
  two_revisions(p);
  fs::path bad = p.write_revision("20260101000003", "20260101000002", "Broken",
                                  "CREATE TABLE extra (id integer);\nINSERT INTO missing_table VALUES (1);\n",
                                  "DROP TABLE extra;\n");
  std::string before = read_file(bad);
  RunResult r = p.strata({"apply"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("20260101000003_Broken.up.sql:8:"));  // the INSERT
  EXPECT_THAT(r.err, HasSubstr("missing_table"));
  EXPECT_EQ(p.current_revision(), "20260101000002");  // the two good ones stayed
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'extra'"), "0");
  EXPECT_EQ(read_file(bad), before);
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'apply' AND result <> 'ok'"), "1");
}

TEST(E2E, RollbackPastTheFirstIsRefused) {
  E2EProject p;
  two_revisions(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult r = p.strata({"rollback", "-3"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_EQ(p.current_revision(), "20260101000002");
  RunResult base = p.strata({"rollback", "-2", "--yes"});
  EXPECT_EQ(base.exit_code, 0) << describe(base);
  EXPECT_EQ(p.current_revision(), "");
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'things'"), "0");
  RunResult none = p.strata({"rollback", "-1"});
  EXPECT_EQ(none.exit_code, 2) << describe(none);
}

TEST(E2E, UnknownAndAmbiguousIds) {
  E2EProject p;
  two_revisions(p);
  RunResult unknown = p.strata({"apply", "20990101000000"});
  EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
  RunResult ambiguous = p.strata({"apply", "2026"});
  EXPECT_EQ(ambiguous.exit_code, 2) << describe(ambiguous);
  EXPECT_THAT(ambiguous.err, HasSubstr("20260101000001"));
  EXPECT_THAT(ambiguous.err, HasSubstr("20260101000002"));
  RunResult prefix = p.strata({"apply", "202601010000011"});  // longer than any id: unknown
  EXPECT_EQ(prefix.exit_code, 2) << describe(prefix);

  RunResult to_first = p.strata({"apply", "20260101000001"});
  ASSERT_EQ(to_first.exit_code, 0) << describe(to_first);
  EXPECT_EQ(p.current_revision(), "20260101000001");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  RunResult rb_unknown = p.strata({"rollback", "77"});
  EXPECT_EQ(rb_unknown.exit_code, 2) << describe(rb_unknown);
  RunResult rb_amb = p.strata({"rollback", "2026010100000"});
  EXPECT_EQ(rb_amb.exit_code, 2) << describe(rb_amb);
  RunResult rb_prefix = p.strata({"rollback", "20260101000001", "--yes"});
  EXPECT_EQ(rb_prefix.exit_code, 0) << describe(rb_prefix);
  EXPECT_EQ(p.current_revision(), "20260101000001");
}

TEST(E2E, ApplySqlPrintsWithoutConnecting) {
  E2EProject p;
  two_revisions(p);
  RunOptions o = p.options();
  o.env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/nothing";
  RunResult r = run(o, {"apply", "--sql"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE things"));
  EXPECT_THAT(r.out, HasSubstr("ADD COLUMN name"));
}

TEST(E2E, StampAdoptsADatabase) {
  E2EProject p;
  two_revisions(p);
  p.db().execute("CREATE TABLE things (id integer PRIMARY KEY, name text)");
  RunResult r = p.strata({"stamp", "20260101000002"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(p.current_revision(), "20260101000002");
  EXPECT_EQ(p.query("SELECT count(*) FROM strata.audit_log WHERE operation = 'stamp' AND result = 'ok'"), "1");
  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_THAT(a.out, HasSubstr("nothing to apply"));
}

TEST(E2E, DiffShowsThePendingPlan) {
  E2EProject p;
  p.write_model("app.yaml", kUsersV1);
  RunResult r = p.strata({"diff"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("users"));
  RunResult sql = p.strata({"diff", "--sql"});
  EXPECT_THAT(sql.out, HasSubstr("CREATE TABLE"));
  RunResult j = p.strata({"diff", "--json"});
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_FALSE(doc["empty"]);
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"), "0");
}

TEST(E2E, BackupThenRestoreGivesTheSameSchemaAndRows) {
  E2EProject p;
  two_revisions(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO things VALUES (1, 'one'), (2, 'two'), (3, NULL)");
  const std::string catalog_sql =
      "SELECT table_schema, table_name, column_name, data_type, is_nullable FROM information_schema.columns "
      "WHERE table_schema IN ('public', 'strata') ORDER BY 1, 2, ordinal_position";
  std::string schema_before = p.rows(catalog_sql);
  std::string rows_before = p.rows("SELECT * FROM things ORDER BY id");

  RunResult b = p.strata({"backup", "--json"});
  ASSERT_EQ(b.exit_code, 0) << describe(b);
  std::string file = nlohmann::json::parse(b.out)["file"];
  EXPECT_TRUE(fs::exists(p.dir() / file)) << file;

  p.db().execute("DELETE FROM things WHERE id = 2; ALTER TABLE things DROP COLUMN name; CREATE TABLE later (x int)");
  RunResult no = p.strata({"restore", file});
  EXPECT_EQ(no.exit_code, 2) << describe(no);
  RunResult r = p.strata({"restore", file, "--yes"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(p.rows("SELECT * FROM things ORDER BY id"), rows_before);
  EXPECT_THAT(r.out, HasSubstr("(schemas public, strata)"));
  // `later` was created after the backup in a managed schema: gone.
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_tables WHERE tablename = 'later'"), "0");
  EXPECT_EQ(p.rows(catalog_sql), schema_before);
  EXPECT_EQ(p.current_revision(), "20260101000002");
}

TEST(E2E, UnmanagedObjectsAreNamedByInspectCheckAndDiff) {
  E2EProject p;
  p.db().execute(
      "CREATE TABLE users (id bigint PRIMARY KEY, at timestamptz);"
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.at := now(); RETURN NEW; END';"
      "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();"
      "CREATE FUNCTION \"Rank\"(a int, b int) RETURNS bigint LANGUAGE internal WINDOW AS 'window_rank';"
      "CREATE FUNCTION row_in() RETURNS bigint LANGUAGE internal WINDOW AS 'window_row_number';"
      "CREATE RULE users_keep AS ON DELETE TO users DO INSTEAD NOTHING;");
  RunResult r = p.strata({"inspect", "--out", "schema"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("not managed: 1 rule, 2 window functions\n"));
  EXPECT_THAT(r.out, HasSubstr("  2 window functions: public.\"Rank\"(integer,integer), public.row_in()\n"));
  EXPECT_THAT(r.out, HasSubstr("  1 rule: public.users.users_keep\n"));
  // The function and the trigger are managed: they are in the models.
  std::string models = read_file(p.dir() / "schema" / "public.yaml");
  EXPECT_THAT(models, HasSubstr("touch()"));
  EXPECT_THAT(models, HasSubstr("users_touch"));

  RunResult j = p.strata({"inspect", "--json"});
  ASSERT_EQ(j.exit_code, 0) << describe(j);
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["unmanaged"], nlohmann::json::parse(
                                  R"j({"window functions": ["public.\"Rank\"(integer,integer)", "public.row_in()"],
                                       "rules": ["public.users.users_keep"]})j"));

  RunResult d = p.strata({"diff"});
  ASSERT_EQ(d.exit_code, 0) << describe(d);
  EXPECT_THAT(d.out, HasSubstr("  1 rule: public.users.users_keep\n"));
  RunResult c = p.strata({"check", "--json"});
  auto check = nlohmann::json::parse(c.out);
  EXPECT_EQ(check["unmanaged"]["rules"], nlohmann::json::parse(R"j(["public.users.users_keep"])j"));
  EXPECT_THAT(check["notes"].dump(), HasSubstr("not managed by Strata: 1 rule: public.users.users_keep"));
}

TEST(E2E, InspectWritesModelsThatValidate) {
  E2EProject p;
  p.db().execute(
      "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
      "CREATE FUNCTION w() RETURNS bigint LANGUAGE internal WINDOW AS 'window_row_number';");
  RunResult r = p.strata({"inspect", "--out", "inspected"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("not managed: 1 window function"));
  RunResult out = p.strata({"inspect"});
  ASSERT_EQ(out.exit_code, 0) << describe(out);
  EXPECT_THAT(out.out, HasSubstr("users"));
  // The written models describe the database exactly: no drift against it.
  fs::remove_all(p.dir() / "schema");
  fs::rename(p.dir() / "inspected", p.dir() / "schema");
  RunResult d = p.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << describe(d);
  EXPECT_EQ(nlohmann::json::parse(d.out)["empty"], true) << d.out;
}

}  // namespace
}  // namespace strata::e2e

namespace strata::e2e {
namespace {

TEST(E2E, ApplyWithBackupQuietAndTheLogFile) {
  E2EProject p;
  two_revisions(p);
  ASSERT_EQ(p.strata({"apply", "20260101000001"}).exit_code, 0);
  RunResult r = p.strata({"--quiet", "apply", "--backup"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.err, "") << "--quiet logs only errors";
  EXPECT_THAT(r.out, HasSubstr("backup: backups/"));
  int dumps = 0;
  for (const auto& e : fs::directory_iterator(p.dir() / "backups"))
    if (e.path().extension() == ".dump") {
      ++dumps;
      EXPECT_THAT(e.path().filename().string(), HasSubstr("20260101000001"));  // taken before applying
    }
  EXPECT_EQ(dumps, 1);
  std::string log = read_file(p.dir() / "logs" / "strata.log");
  EXPECT_THAT(log, HasSubstr("20260101000002"));

  RunResult verbose = p.strata({"--verbose", "status"});
  EXPECT_EQ(verbose.exit_code, 0);
  EXPECT_THAT(verbose.err, HasSubstr("connected to"));
}

TEST(E2E, InspectSplitWritesOneFilePerTable) {
  E2EProject p;
  p.db().execute("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a)");
  RunResult r = p.strata({"inspect", "--out", "split", "--split", "--json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["counts"]["tables"], 2);
  EXPECT_TRUE(fs::exists(p.dir() / "split" / "public" / "a.yaml"));
  EXPECT_TRUE(fs::exists(p.dir() / "split" / "public" / "b.yaml"));
  RunResult again = p.strata({"inspect", "--out", "split", "--split"});
  EXPECT_EQ(again.exit_code, 2) << "never overwrites\n" << describe(again);
}

}  // namespace
}  // namespace strata::e2e

namespace strata::e2e {
namespace {

TEST(E2E, StatusShowsANoTransactionRevisionThatStoppedPartWay) {
  E2EProject p;
  // Statement 2 fails until table `gate` exists; statement 1 is not run again
  // on the resume (CREATE TABLE would fail if it were).
  fs::path up = p.write_revision("20260101000001", "", "Index things",
                                 "CREATE TABLE things (id integer);\n"
                                 "INSERT INTO things SELECT x FROM gate;\n"
                                 "CREATE INDEX CONCURRENTLY things_id_idx ON things (id);\n",
                                 "DROP TABLE things;\n");
  std::string text = read_file(up);
  std::string marker = "-- changes: by hand\n";
  auto at = text.find(marker);
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "-- strata:no-transaction\n");
  write_file(up, text);

  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 1) << describe(a);
  EXPECT_THAT(a.err, HasSubstr("gate"));

  RunResult st = p.strata({"status"});
  ASSERT_EQ(st.exit_code, 0) << describe(st);
  EXPECT_THAT(st.out, HasSubstr("interrupted: 20260101000001 at statement 2 of 3; run `strata apply` to resume"))
      << describe(st);
  RunResult sj = p.strata({"status", "--json"});
  ASSERT_EQ(sj.exit_code, 0) << describe(sj);
  auto doc = nlohmann::json::parse(sj.out);
  ASSERT_EQ(doc["interrupted"].size(), 1u) << sj.out;
  EXPECT_EQ(doc["interrupted"][0]["id"], "20260101000001");
  EXPECT_EQ(doc["interrupted"][0]["direction"], "up");
  EXPECT_EQ(doc["interrupted"][0]["statement"], 2);
  EXPECT_EQ(doc["interrupted"][0]["statements"], 3);
  EXPECT_FALSE(doc["interrupted"][0]["updated_at"].get<std::string>().empty());

  // The file cannot change (a resume refuses a different checksum), so the
  // cause is fixed in the database; apply resumes at statement 2.
  p.db().execute("CREATE TABLE gate (x int); INSERT INTO gate VALUES (7)");
  RunResult a2 = p.strata({"apply"});
  ASSERT_EQ(a2.exit_code, 0) << describe(a2);
  EXPECT_EQ(p.query("SELECT count(*) FROM things"), "1");
  EXPECT_EQ(p.current_revision(), "20260101000001");
  RunResult st2 = p.strata({"status"});
  ASSERT_EQ(st2.exit_code, 0) << describe(st2);
  EXPECT_THAT(st2.out, ::testing::Not(HasSubstr("interrupted")));
  auto doc2 = nlohmann::json::parse(p.strata({"status", "--json"}).out);
  EXPECT_TRUE(doc2["interrupted"].empty());
  EXPECT_TRUE(doc2["pending"].empty());
}

}  // namespace
}  // namespace strata::e2e
