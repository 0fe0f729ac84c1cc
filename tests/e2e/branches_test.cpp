// End to end: a team on two branches (a fork in migrations/, resolved with
// `strata rebase`, out-of-order revisions on the database that had the other
// branch) and the scripts a DBA runs by hand (`apply --sql`, `rollback --sql`,
// `rollback --dry-run`).

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kP = "20260101000001";  // the common parent
constexpr const char* kA = "20260102000000";  // branch one
constexpr const char* kB = "20260103000000";  // branch two

const char* kBothTables = R"(tables:
  base:
    columns:
      id: {type: integer, primary_key: true}
  a:
    columns:
      id: {type: integer, primary_key: true}
  b:
    columns:
      id: {type: integer, primary_key: true}
)";

void write_parent(const E2EProject& p) {
  p.write_revision(kP, "", "Create base", "CREATE TABLE base (id integer PRIMARY KEY);\n", "DROP TABLE base;\n");
}
fs::path write_a(const E2EProject& p, const std::string& parent = kP) {
  return p.write_revision(kA, parent, "Create a", "CREATE TABLE a (id integer PRIMARY KEY);\n", "DROP TABLE a;\n");
}
fs::path write_b(const E2EProject& p, const std::string& parent = kP) {
  return p.write_revision(kB, parent, "Create b", "CREATE TABLE b (id integer PRIMARY KEY);\n", "DROP TABLE b;\n");
}

// How many times each revision is recorded, "id|n" per line.
std::string revision_counts(const E2EProject& p) {
  return p.rows("SELECT revision, count(*) FROM strata.revisions GROUP BY revision ORDER BY revision");
}

// The fork of the issue, played out by two developers with two databases and
// two branches: each applied their own branch, then both branches met in
// migrations/ (a git merge).
TEST(Branches, ForkWithTwoDatabasesEndsWithEveryRevisionAppliedOnceOnBoth) {
  E2EProject one;  // developer one: branch A, database one
  E2EProject two;  // developer two: branch B, database two
  for (const E2EProject* p : {&one, &two}) {
    p->write_model("app.yaml", kBothTables);
    write_parent(*p);
  }
  write_a(one);
  ASSERT_EQ(one.strata({"apply"}).exit_code, 0);
  write_b(two);
  ASSERT_EQ(two.strata({"apply"}).exit_code, 0);

  // The merge: developer one's folder now holds both branches.
  fs::path b_up = write_b(one);
  std::string b_before = read_file(b_up);
  std::string b_down_before = read_file(fs::path(b_up).replace_filename(
      b_up.filename().string().substr(0, b_up.filename().string().size() - 7) + ".down.sql"));

  // status and history keep working during the fork and show both branches.
  RunResult st = one.strata({"status"});
  EXPECT_EQ(st.exit_code, 1) << describe(st);
  EXPECT_THAT(st.out, HasSubstr("fork"));
  EXPECT_THAT(st.out, HasSubstr(kA));
  EXPECT_THAT(st.out, HasSubstr(kB));
  EXPECT_THAT(st.out, HasSubstr("strata rebase " + std::string(kB))) << "B is the side database one lacks";
  RunResult stj = one.strata({"status", "--json"});
  ASSERT_EQ(stj.exit_code, 1) << describe(stj);
  auto sdoc = nlohmann::json::parse(stj.out);
  ASSERT_EQ(sdoc["forks"].size(), 1u) << stj.out;
  EXPECT_EQ(sdoc["forks"][0]["parent"], kP);
  ASSERT_EQ(sdoc["forks"][0]["branches"].size(), 2u);
  ASSERT_EQ(sdoc["pending"].size(), 1u) << stj.out;
  EXPECT_EQ(sdoc["pending"][0]["id"], kB);
  RunResult hist = one.strata({"history"});
  EXPECT_EQ(hist.exit_code, 0) << describe(hist);
  EXPECT_THAT(hist.out, HasSubstr(kA));
  EXPECT_THAT(hist.out, HasSubstr(kB));
  EXPECT_THAT(hist.out, HasSubstr("fork"));

  // check lists the fork, the pending revision and the drift.
  RunResult ck = one.strata({"check", "--json"});
  EXPECT_EQ(ck.exit_code, 1) << describe(ck);
  auto cdoc = nlohmann::json::parse(ck.out);
  std::set<std::string> kinds;
  for (const auto& pr : cdoc["problems"]) kinds.insert(pr["kind"].get<std::string>());
  EXPECT_TRUE(kinds.count("chain")) << ck.out;
  EXPECT_TRUE(kinds.count("pending")) << ck.out;
  EXPECT_TRUE(kinds.count("drift")) << ck.out;
  EXPECT_THAT(ck.out, Not(HasSubstr("strata create"))) << "drift while revisions are pending is not for create";

  // A is applied on database one: rebase refuses to move it and says why.
  RunResult refuse = one.strata({"rebase", kA});
  EXPECT_EQ(refuse.exit_code, 2) << describe(refuse);
  EXPECT_THAT(refuse.err, HasSubstr("applied"));
  EXPECT_THAT(refuse.err, HasSubstr(one.db().name()));
  EXPECT_EQ(read_file(b_up), b_before);

  // rebase (no argument) moves the side database one lacks: B onto A.
  RunResult rb = one.strata({"rebase"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  std::string b_after = read_file(b_up);
  std::string expected = b_before;
  expected.replace(expected.find("-- strata:parent   " + std::string(kP)), 19 + 14,
                   "-- strata:parent   " + std::string(kA));
  EXPECT_EQ(b_after, expected) << "only the parent line changes";
  EXPECT_EQ(read_file(fs::path(b_up).replace_filename(b_up.filename().string().substr(
                0, b_up.filename().string().size() - 7) + ".down.sql")),
            b_down_before);
  ASSERT_EQ(one.strata({"validate"}).exit_code, 0);
  RunResult apply_one = one.strata({"apply"});
  ASSERT_EQ(apply_one.exit_code, 0) << describe(apply_one);
  RunResult check_one = one.strata({"check"});
  EXPECT_EQ(check_one.exit_code, 0) << describe(check_one);

  // Developer two pulls the rebased folder: P -> A -> B, with B applied on
  // database two and A not. B's parent line changed; that is not an edit.
  fs::remove_all(two.dir() / "migrations");
  fs::copy(one.dir() / "migrations", two.dir() / "migrations", fs::copy_options::recursive);
  RunResult st2 = two.strata({"status", "--json"});
  ASSERT_EQ(st2.exit_code, 0) << describe(st2);
  auto s2 = nlohmann::json::parse(st2.out);
  EXPECT_EQ(s2["edited"].size(), 0u) << st2.out;
  ASSERT_EQ(s2["pending"].size(), 1u) << st2.out;
  EXPECT_EQ(s2["pending"][0]["id"], kA);
  RunResult ap2 = two.strata({"apply"});
  EXPECT_EQ(ap2.exit_code, 1) << describe(ap2);
  EXPECT_THAT(ap2.err, HasSubstr(kA));
  EXPECT_THAT(ap2.err, HasSubstr("--out-of-order"));
  EXPECT_THAT(ap2.out + ap2.err, Not(HasSubstr("nothing to apply")));
  EXPECT_EQ(two.query("SELECT count(*) FROM strata.revisions WHERE revision = '" + std::string(kA) + "'"), "0");
  RunResult ooo = two.strata({"apply", "--out-of-order"});
  ASSERT_EQ(ooo.exit_code, 0) << describe(ooo);
  EXPECT_THAT(ooo.out, HasSubstr(kA));
  RunResult check_two = two.strata({"check"});
  EXPECT_EQ(check_two.exit_code, 0) << describe(check_two);
  EXPECT_EQ(two.strata({"apply"}).out, "nothing to apply: the database is at " + std::string(kB) + "\n");
  // The new chain link is recorded.
  EXPECT_EQ(two.query("SELECT parent FROM strata.revisions WHERE revision = '" + std::string(kB) + "'"), kA);

  std::string once = std::string(kP) + "|1\n" + kA + "|1\n" + kB + "|1\n";
  EXPECT_EQ(revision_counts(one), once);
  EXPECT_EQ(revision_counts(two), once);
  for (const E2EProject* p : {&one, &two})
    EXPECT_EQ(p->query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('a', 'b', 'base')"),
              "3");
}

// The issue's first case: the parent of the applied side edited by hand
// ("set the parent of B to A"). apply must not say "nothing to apply".
TEST(Branches, AnAncestorMissingBeforeTheCurrentRevisionIsNeverSkipped) {
  E2EProject p;
  p.write_model("app.yaml", kBothTables);
  write_parent(p);
  write_b(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  std::string recorded = p.query("SELECT checksum FROM strata.revisions WHERE revision = '" + std::string(kB) + "'");
  write_a(p);
  write_b(p, kA);  // the hand edit of B's parent line
  RunResult st = p.strata({"status", "--json"});
  ASSERT_EQ(st.exit_code, 0) << describe(st);
  auto doc = nlohmann::json::parse(st.out);
  EXPECT_EQ(doc["edited"].size(), 0u) << st.out;
  ASSERT_EQ(doc["pending"].size(), 1u) << st.out;
  EXPECT_EQ(doc["pending"][0]["id"], kA);
  RunResult ap = p.strata({"apply"});
  EXPECT_EQ(ap.exit_code, 1) << describe(ap);
  EXPECT_THAT(ap.err, HasSubstr(kA));
  RunResult ck = p.strata({"check"});
  EXPECT_EQ(ck.exit_code, 1) << describe(ck);
  EXPECT_THAT(ck.out, HasSubstr(kA));
  EXPECT_THAT(ck.out, Not(HasSubstr("edited")));
  RunResult ooo = p.strata({"apply", "--out-of-order"});
  ASSERT_EQ(ooo.exit_code, 0) << describe(ooo);
  EXPECT_EQ(p.query("SELECT parent FROM strata.revisions WHERE revision = '" + std::string(kB) + "'"), kA);
  EXPECT_EQ(p.query("SELECT checksum FROM strata.revisions WHERE revision = '" + std::string(kB) + "'"), recorded)
      << "the checksum leaves the parent line out";
  RunResult check = p.strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
  // A real edit of the SQL is still an edit.
  write_file(p.revision_files()[2], read_file(p.revision_files()[2]) + "SELECT 1;\n");
  RunResult edited = p.strata({"status", "--json"});
  EXPECT_EQ(nlohmann::json::parse(edited.out)["edited"].size(), 1u) << edited.out;
}

TEST(Branches, RebaseNeedsAForkAndTheDatabase) {
  E2EProject p;
  write_parent(p);
  write_a(p);
  RunResult none = p.strata({"rebase"});
  EXPECT_EQ(none.exit_code, 2) << describe(none);
  EXPECT_THAT(none.err, HasSubstr("no fork"));
  fs::path b = write_b(p);
  std::string before = read_file(b);
  RunOptions o = p.options();
  o.env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/nothing";
  RunResult offline = run(o, {"rebase"});
  EXPECT_EQ(offline.exit_code, 3) << describe(offline);
  EXPECT_EQ(read_file(b), before);
  RunResult unknown = p.strata({"rebase", "20990101"});
  EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
  RunResult json = p.strata({"rebase", "--json"});
  ASSERT_EQ(json.exit_code, 0) << describe(json);
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["moved"], nlohmann::json::array({kB})) << "neither applied: the newest branch moves";
  EXPECT_EQ(doc["onto"], kA);
  EXPECT_EQ(doc["from"], kP);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  EXPECT_EQ(p.current_revision(), kB);
}

// A rollback after an out-of-order apply undoes the chain's tip.
TEST(Branches, RollbackAfterAnOutOfOrderApplyFollowsTheChain) {
  E2EProject p;
  p.write_model("app.yaml", kBothTables);
  write_parent(p);
  write_b(p);
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  write_a(p);
  write_b(p, kA);
  ASSERT_EQ(p.strata({"apply", "--out-of-order"}).exit_code, 0);
  RunResult rb = p.strata({"rollback", "-1"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_THAT(rb.out, HasSubstr("rolled back " + std::string(kB)));
  EXPECT_EQ(p.current_revision(), kA);
}

// Runs a script with psql as a DBA would; returns psql's exit code.
int run_psql(const E2EProject& p, const std::string& url, const std::string& script, std::string& output) {
  fs::path file = p.dir() / "script.sql";
  fs::path out = p.dir() / "psql.out";
  write_file(file, script);
  std::string cmd = "psql -X -q -v ON_ERROR_STOP=1 -d '" + url + "' -f '" + file.string() + "' > '" + out.string() +
                    "' 2>&1";
  int rc = std::system(cmd.c_str());
  output = read_file(out);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// What two databases are compared on: the catalog of public and the
// bookkeeping rows (times and durations aside).
std::string snapshot(const E2EProject& p) {
  return p.rows(
             "SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
             "WHERE n.nspname = 'public' ORDER BY 1, 2, 3") +
         "--\n" +
         p.rows("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisvalid FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' ORDER BY 1") +
         "--\n" +
         p.rows("SELECT revision, coalesce(parent, 'NULL'), message, checksum, applied_by FROM strata.revisions "
                "ORDER BY seq") +
         "--\n" + p.rows("SELECT count(*) FROM strata.revision_progress");
}

void three_revisions(const E2EProject& p) {
  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  p.write_revision("20260101000002", "20260101000001", "Add name 'quoted'",
                   "ALTER TABLE things ADD COLUMN name text DEFAULT 'it''s';\n",
                   "ALTER TABLE things DROP COLUMN name;\n");
  fs::path up = p.write_revision("20260101000003", "20260101000002", "Index names",
                                 "CREATE INDEX CONCURRENTLY things_name_idx ON things (name);\n",
                                 "DROP INDEX CONCURRENTLY things_name_idx;\n");
  std::string text = read_file(up);
  text.insert(text.find("-- changes:"), "-- strata:no-transaction\n");
  write_file(up, text);
  std::string down_path = up.string().substr(0, up.string().size() - 7) + ".down.sql";
  write_file(down_path, "-- strata:no-transaction\nDROP INDEX CONCURRENTLY things_name_idx;\n");
}

TEST(DbaScripts, ApplySqlAndRollbackSqlRunWithPsqlLikeStrata) {
  E2EProject real;  // applied by strata
  E2EProject dba;   // by the printed scripts through psql
  three_revisions(real);
  three_revisions(dba);
  ASSERT_EQ(real.strata({"apply", "20260101000001"}).exit_code, 0);
  ASSERT_EQ(dba.strata({"apply", "20260101000001"}).exit_code, 0);

  RunOptions offline = dba.options();
  offline.env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/nothing";
  RunResult sql = run(offline, {"apply", "--sql", "--from", "20260101000001", "--to", "20260101000003"});
  ASSERT_EQ(sql.exit_code, 0) << describe(sql);
  EXPECT_THAT(sql.out, HasSubstr("lock_timeout = '5000ms'"));
  EXPECT_THAT(sql.out, HasSubstr("statement_timeout"));
  EXPECT_THAT(sql.out, HasSubstr("INSERT INTO strata.revisions"));
  EXPECT_THAT(sql.out, Not(HasSubstr("CREATE TABLE things"))) << "--from: the first revision is already applied";
  std::string psql_out;
  ASSERT_EQ(run_psql(dba, dba.url(), sql.out, psql_out), 0) << psql_out << "\n" << sql.out;
  ASSERT_EQ(real.strata({"apply", "20260101000003"}).exit_code, 0);
  EXPECT_EQ(snapshot(dba), snapshot(real));
  EXPECT_EQ(dba.strata({"check"}).exit_code, real.strata({"check"}).exit_code);
  EXPECT_EQ(dba.strata({"status", "--json"}).exit_code, 0);

  // Running it again fails before changing anything: the revisions are recorded.
  ASSERT_NE(run_psql(dba, dba.url(), sql.out, psql_out), 0);
  EXPECT_EQ(snapshot(dba), snapshot(real));

  // --to alone, from the start.
  RunResult all = run(offline, {"apply", "--sql", "--to", "20260101000002"});
  ASSERT_EQ(all.exit_code, 0) << describe(all);
  EXPECT_THAT(all.out, HasSubstr("CREATE TABLE things"));
  EXPECT_THAT(all.out, Not(HasSubstr("things_name_idx")));

  // rollback --dry-run lists and changes nothing.
  std::string before = snapshot(dba);
  RunResult dry = dba.strata({"rollback", "20260101000001", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_THAT(dry.out, HasSubstr("20260101000003"));
  EXPECT_THAT(dry.out, HasSubstr("20260101000002"));
  EXPECT_EQ(snapshot(dba), before);

  // rollback --sql, run with psql, against strata's own rollback.
  RunResult down = dba.strata({"rollback", "20260101000001", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << describe(down);
  EXPECT_THAT(down.out, HasSubstr("DELETE FROM strata.revisions"));
  EXPECT_LT(down.out.find("DROP INDEX CONCURRENTLY"), down.out.find("DROP COLUMN name"));
  EXPECT_EQ(snapshot(dba), before) << "--sql changes nothing";
  ASSERT_EQ(run_psql(dba, dba.url(), down.out, psql_out), 0) << psql_out << "\n" << down.out;
  ASSERT_EQ(real.strata({"rollback", "20260101000001"}).exit_code, 0);
  EXPECT_EQ(snapshot(dba), snapshot(real));
  RunResult offline_down = run(offline, {"rollback", "base", "--sql", "--from", "20260101000001"});
  ASSERT_EQ(offline_down.exit_code, 0) << describe(offline_down);
  EXPECT_THAT(offline_down.out, HasSubstr("DROP TABLE things"));
}

TEST(DbaScripts, RollbackDryRunNamesTheDataItWouldLose) {
  E2EProject p;
  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "-- WARNING: data loss: drops table public.things and its rows\nDROP TABLE things;\n");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  p.db().execute("INSERT INTO things VALUES (1)");
  RunResult dry = p.strata({"rollback", "base", "--dry-run", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  auto doc = nlohmann::json::parse(dry.out);
  EXPECT_EQ(doc["dry_run"], true);
  ASSERT_EQ(doc["rolled_back"].size(), 1u) << dry.out;
  ASSERT_EQ(doc["rolled_back"][0]["hazards"].size(), 1u) << dry.out;
  EXPECT_THAT(doc["rolled_back"][0]["hazards"][0].get<std::string>(), HasSubstr("drops table public.things"));
  EXPECT_EQ(p.query("SELECT count(*) FROM things"), "1");
  EXPECT_EQ(p.current_revision(), "20260101000001");
  RunResult text = p.strata({"rollback", "base", "--dry-run"});
  EXPECT_THAT(text.out, HasSubstr("data loss"));
  EXPECT_THAT(text.out, HasSubstr("nothing was rolled back"));
}

}  // namespace
}  // namespace strata::e2e
