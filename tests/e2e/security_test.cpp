// End to end: models, catalogs and revisions written by someone hostile.
// Names that hold SQL, an exclusion operator that holds a shell command,
// model expressions with side effects, and input deep enough to exhaust a
// stack: each is refused with a clear error (or handled), never run, never
// a crash.

#include <unistd.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "db/connection.h"
#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Runs statements (several allowed) on the project's database.
void exec(const E2EProject& p, const std::string& sql) {
  db::Connection conn(p.url());
  conn.execute(sql);
}

std::string sum(int terms, const std::string& term = "1") {
  std::string out = term;
  for (int i = 1; i < terms; ++i) out += "+" + term;
  return out;
}

TEST(E2ESecurity, DeepDefaultIsAClearErrorNotACrash) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n      n: {type: integer, default: \"" +
                                sum(10000) + "\"}\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"validate"}, {"diff"}, {"create", "--dry-run", "deep"}}) {
    RunResult r = p.strata(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << describe(r);
    EXPECT_THAT(r.err, HasSubstr("app.yaml:5:")) << args[0];
    EXPECT_THAT(r.err, HasSubstr("nested too deeply")) << args[0];
  }
}

TEST(E2ESecurity, DeepRevisionStatementIsHandledNotACrash) {
  E2EProject p;
  p.write_revision("20260101000001", "", "Deep", "SELECT " + sum(20000) + ";\n", "SELECT 1;\n");
  RunResult v = p.strata({"validate"});
  EXPECT_EQ(v.exit_code, 0) << describe(v);
  // The server refuses to evaluate it (its own stack depth limit): a clear
  // statement error, reported at the file's line, and nothing applied.
  RunResult a = p.strata({"apply"});
  EXPECT_EQ(a.exit_code, 1) << describe(a);
  EXPECT_THAT(a.err, HasSubstr("stack depth limit exceeded"));
  EXPECT_THAT(a.err, HasSubstr("20260101000001_Deep.up.sql"));
  EXPECT_EQ(p.current_revision(), "");
}

TEST(E2ESecurity, ExclusionOperatorCannotRunAShellCommand) {
  E2EProject p;
  // Where the server's OS user could write, were the command run.
  fs::path marker = fs::temp_directory_path() / ("strata_pwned_" + std::to_string(getpid()));
  fs::remove(marker);
  p.write_model("app.yaml",
                "tables:\n  bookings:\n    columns:\n      id: {type: bigint, primary_key: true}\n"
                "      during: tstzrange\n    exclusions:\n      bookings_during_excl:\n"
                "        using: gist\n        elements:\n          - {column: during, with: \"=)); "
                "COPY (SELECT 1) TO PROGRAM 'touch " + marker.string() + "'; --\"}\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"validate"}, {"create", "--dry-run", "x"}, {"create", "x"}}) {
    RunResult r = p.strata(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << describe(r);
    EXPECT_THAT(r.err, HasSubstr("app.yaml:10:")) << args[0];
    EXPECT_THAT(r.err, HasSubstr("exclusion operator")) << args[0];
  }
  EXPECT_FALSE(fs::exists(marker)) << "the shell command ran";
  EXPECT_TRUE(p.revision_files().empty());
  fs::remove(marker);
}

TEST(E2ESecurity, CheckCallingSetvalIsRefusedAndTheSequenceStaysPut) {
  E2EProject p;
  exec(p, "CREATE SEQUENCE public.s; SELECT nextval('public.s');"
          "CREATE TABLE public.t (id integer); INSERT INTO public.t VALUES (1)");
  p.write_model("app.yaml",
                "sequences:\n  s: bigint\ntables:\n  t:\n    columns:\n      id: integer\n"
                "    checks:\n      t_moved_check: \"setval('s', 424242) > 0\"\n");
  for (std::vector<std::string> args : {std::vector<std::string>{"validate"}, {"create", "--dry-run", "x"}}) {
    RunResult r = p.strata(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << describe(r);
    EXPECT_THAT(r.err, HasSubstr("app.yaml:8:23: check: setval()")) << args[0];
  }
  EXPECT_EQ(p.query("SELECT last_value FROM public.s"), "1");
}

TEST(E2ESecurity, VolatileFunctionInACheckIsRefusedByTheCatalog) {
  E2EProject p;
  exec(p, "CREATE FUNCTION public.bump() RETURNS integer LANGUAGE sql VOLATILE AS 'SELECT 1';"
          "CREATE TABLE public.t (id integer); INSERT INTO public.t VALUES (1)");
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n"
                            "    checks:\n      t_bump_check: \"bump() > 0\"\n");
  RunResult r = p.strata({"create", "--dry-run", "x"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("check 't_bump_check' of table public.t calls bump(), which is volatile"));
  // Stable and immutable functions are fine.
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n"
                            "    checks:\n      t_id_check: \"abs(id) >= 0 AND length(id::text) > 0\"\n");
  RunResult ok = p.strata({"create", "--dry-run", "x"});
  EXPECT_EQ(ok.exit_code, 0) << describe(ok);
}

TEST(E2ESecurity, HostileNamesInTheCatalogCannotInjectStatements) {
  E2EProject p;
  // An unmanaged table the injected statement would drop, and a managed
  // table whose column and index names hold "\nDROP TABLE ...;\n--".
  exec(p, "CREATE SCHEMA canary; CREATE TABLE canary.victim (x integer);"
          "CREATE TABLE public.t (id integer, \"c\nDROP TABLE canary.victim;\n--\" text);"
          "CREATE INDEX \"t_id_idx\nDROP TABLE canary.victim;\n--\" ON public.t (id)");
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n");
  RunResult c = p.strata({"create", "drop the hostile column", "--allow", "data-loss"});
  ASSERT_EQ(c.exit_code, 0) << describe(c);
  auto files = p.revision_files();
  ASSERT_EQ(files.size(), 1u);
  std::string up = read_file(files[0]);
  EXPECT_THAT(up, HasSubstr("\\nDROP TABLE canary.victim;\\n--"));  // shown, not live
  EXPECT_THAT(up, ::testing::Not(HasSubstr("\nDROP TABLE canary.victim;\n--\n")));
  RunResult a = p.strata({"apply"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_EQ(p.query("SELECT count(*) FROM canary.victim"), "0");
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass "
                    "AND attnum > 0 AND attname LIKE 'c%'"),
            "0");
  RunResult back = p.strata({"rollback", "-1"});
  ASSERT_EQ(back.exit_code, 0) << describe(back);
  EXPECT_EQ(p.query("SELECT count(*) FROM canary.victim"), "0");
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_class WHERE relname LIKE 't_id_idx%'"), "1");
}

TEST(E2ESecurity, ControlCharactersInModelNamesAreRefusedWithTheirPlace) {
  E2EProject p;
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n    indexes:\n"
                            "      \"t_id_idx\\nDROP TABLE canary.victim;\\n--\": {columns: [id]}\n"
                            "      \"t_\\e[31mred\\u202Eidx\": {columns: [id]}\n");
  RunResult r = p.strata({"validate"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("app.yaml:6:7: index 't_id_idx\\nDROP TABLE canary.victim;\\n--' "
                               "contains the character \\n"));
  EXPECT_THAT(r.err, HasSubstr("app.yaml:7:7: index 't_\\x1b[31mred\\u202eidx' contains the character \\x1b"));
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << "an escape reached the terminal";
}

TEST(E2ESecurity, ProofRoleMayNotBeASuperuser) {
  E2EProject p;
  std::string role = "strata_proof_su_" + std::to_string(getpid());
  exec(p, "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " SUPERUSER NOLOGIN");
  write_file(p.dir() / "strata.yaml", "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\n"
                                      "proof_role: " + role + "\n");
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n");
  RunResult r = p.strata({"create", "--dry-run", "x"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("proof_role '" + role + "' has powers outside the database (superuser"));
  exec(p, "DROP ROLE " + role);
}

TEST(E2ESecurity, ProofRunsAsTheConfiguredRole) {
  E2EProject p;
  std::string role = "strata_proof_" + std::to_string(getpid());
  exec(p, "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " NOLOGIN");
  write_file(p.dir() / "strata.yaml", "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\n"
                                      "proof_role: " + role + "\n");
  p.write_model("app.yaml", "tables:\n  t:\n    columns:\n      id: integer\n");
  // Without CREATE on the schema the role cannot run the revision: the
  // proof ran as the role, not as the connection's superuser.
  RunResult denied = p.strata({"create", "--dry-run", "x"});
  EXPECT_NE(denied.exit_code, 0) << describe(denied);
  EXPECT_THAT(denied.err, HasSubstr("permission denied for schema public"));
  exec(p, "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
  RunResult ok = p.strata({"create", "--dry-run", "x"});
  EXPECT_EQ(ok.exit_code, 0) << describe(ok);
  exec(p, "REVOKE ALL ON SCHEMA public FROM " + role + "; DROP ROLE " + role);
}

}  // namespace
}  // namespace strata::e2e
