#include "apply/backup.h"
#include "apply/applied_revision.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "db/connection.h"
#include "revision/temp_dir.h"
#include "support/test_database.h"

namespace strata::apply {
namespace {

// Columns of every user table and all their rows, as one text.
std::string snapshot(const std::string& url) {
  db::Connection conn(url);
  std::string columns = conn.query_value(
      "SELECT string_agg(table_schema || '.' || table_name || '.' || column_name || ' ' || "
      "data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), E'\\n' "
      "ORDER BY table_schema, table_name, ordinal_position) FROM information_schema.columns "
      "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
  std::string indexes = conn.query_value(
      "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes "
      "WHERE schemaname = 'public'");
  std::string rows = conn.query_value(
      "SELECT (SELECT string_agg(i::text, ',' ORDER BY id) FROM items i) || ' | ' || "
      "(SELECT string_agg(t::text, ',' ORDER BY name) FROM tags t)");
  return columns + "\n--\n" + indexes + "\n--\n" + rows;
}

constexpr const char* kSchema = R"sql(
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL, price numeric(10,2) DEFAULT 0);
CREATE TABLE tags (name text PRIMARY KEY, item_id bigint REFERENCES items);
CREATE INDEX items_name_idx ON items (lower(name));
INSERT INTO items (name, price) VALUES ('apple', 1.5), ('pear', 2), ('it''s', NULL);
INSERT INTO tags VALUES ('fruit', 1), ('green', 2);
)sql";

TEST(Backup, RoundTripRestoresSchemaAndRows) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  const std::string before = snapshot(tdb.url());

  BackupInfo info = backup(tdb.url(), dir.path() / "backups", std::string("20260101000000"));
  EXPECT_TRUE(std::filesystem::exists(info.file));
  EXPECT_EQ(info.file.parent_path(), dir.path() / "backups");
  EXPECT_EQ(info.file.extension(), ".dump");
  EXPECT_NE(info.file.filename().string().find("_20260101000000.dump"), std::string::npos);
  EXPECT_EQ(info.size, std::filesystem::file_size(info.file));
  EXPECT_EQ(info.sha256.size(), 64u);
  // The data is readable by its owner only.
  EXPECT_EQ(std::filesystem::status(info.file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  nlohmann::json side = nlohmann::json::parse(std::ifstream(info.sidecar));
  EXPECT_EQ(side["revision"], "20260101000000");
  EXPECT_EQ(side["sha256"], info.sha256);
  EXPECT_EQ(side["file"], info.file.filename().string());
  EXPECT_EQ(side["server_version"].get<std::string>().substr(0, 2), "15");
  ASSERT_EQ(list_backups(dir.path() / "backups").size(), 1u);
  EXPECT_EQ(list_backups(dir.path() / "backups")[0], info);

  // Damage the database: rows, a column, a table, an index.
  tdb.execute("DELETE FROM tags WHERE name = 'green'; UPDATE items SET name = 'x';"
              "ALTER TABLE items DROP COLUMN price; DROP INDEX items_name_idx;"
              "INSERT INTO items (name) VALUES ('new')");
  ASSERT_NE(snapshot(tdb.url()), before);
  restore(tdb.url(), info.file);
  EXPECT_EQ(snapshot(tdb.url()), before);

  // Into a fresh database as well.
  testing::TestDatabase other;
  restore(other.url(), info.file);
  EXPECT_EQ(snapshot(other.url()), before);
}

TEST(Backup, FailedRestoreChangesNothing) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  // The dump grants to a role that is gone by the time of the restore.
  const std::string role = tdb.name() + "_reader";
  tdb.execute("CREATE ROLE " + role + "; GRANT SELECT ON items TO " + role);
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  EXPECT_NE(info.file.filename().string().find("_none.dump"), std::string::npos);
  tdb.execute("REVOKE ALL ON items FROM " + role + "; DROP ROLE " + role);
  tdb.execute("UPDATE items SET name = 'changed'; CREATE TABLE later (x int)");
  const std::string before = snapshot(tdb.url());
  try {
    restore(tdb.url(), info.file);
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("the database is unchanged"), std::string::npos) << what;
    EXPECT_NE(what.find(role), std::string::npos) << what;
  }
  EXPECT_EQ(snapshot(tdb.url()), before);
}

TEST(Backup, RestoreKeepsEveryColumnOfTheAuditLog) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  {
    db::Connection conn(tdb.url());
    ensure_strata_schema(conn);
  }
  tdb.execute("INSERT INTO strata.audit_log (who, operation, result, source, client, arguments, revisions) "
              "VALUES ('a', 'apply', 'ok', 'api', '127.0.0.1', 'apply --backup', '20260101000000')");
  BackupInfo info = backup(tdb.url(), dir.path(), std::string("20260101000000"));
  tdb.execute("INSERT INTO strata.audit_log (who, operation, result, source, host, sqlstate) "
              "VALUES ('b', 'apply', 'error', 'cli', 'build-7', '42P01')");
  restore(tdb.url(), info.file);
  db::Connection conn(tdb.url());
  EXPECT_EQ(conn.query_value("SELECT string_agg(concat_ws('|', who, source, client, host, arguments, "
                             "revisions, sqlstate), ',' ORDER BY id) FROM strata.audit_log"),
            "a|api|127.0.0.1||apply --backup|20260101000000|,b|cli||build-7|||42P01");
}

TEST(Backup, RestoreRemovesLaterObjectsAndKeepsTheAuditLog) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  tdb.execute(
      "CREATE SCHEMA strata; CREATE TABLE strata.revisions (revision text PRIMARY KEY);"
      "INSERT INTO strata.revisions VALUES ('20260101000000');"
      "CREATE TABLE strata.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
      " at timestamptz NOT NULL DEFAULT now(), who text NOT NULL, operation text NOT NULL,"
      " target text NOT NULL DEFAULT '', result text NOT NULL, detail text NOT NULL DEFAULT '',"
      " duration_ms bigint NOT NULL DEFAULT 0);"
      "INSERT INTO strata.audit_log (who, operation, result) VALUES ('a', 'apply', 'ok')");
  const std::string before = snapshot(tdb.url());
  BackupInfo info = backup(tdb.url(), dir.path(), std::string("20260101000000"));
  // Later: a new schema, a new table, a new revision row, an audit row.
  tdb.execute("CREATE SCHEMA extra; CREATE TABLE extra.t (x int); CREATE TABLE public.later (x int);"
              "INSERT INTO strata.revisions VALUES ('20260102000000');"
              "INSERT INTO strata.audit_log (who, operation, result) VALUES ('b', 'apply', 'ok')");
  restore(tdb.url(), info.file);
  db::Connection conn(tdb.url());
  EXPECT_EQ(conn.query_value("SELECT (to_regclass('public.later') IS NULL AND "
                             "to_regnamespace('extra') IS NULL)::text"),
            "true");
  EXPECT_EQ(conn.query_value("SELECT string_agg(revision, ',') FROM strata.revisions"),
            "20260101000000");
  EXPECT_EQ(conn.query_value("SELECT string_agg(who || operation, ',' ORDER BY id) "
                             "FROM strata.audit_log"),
            "aapply,bapply");
  // New audit rows still get fresh ids.
  conn.execute("INSERT INTO strata.audit_log (who, operation, result) VALUES ('c', 'x', 'ok')");
  EXPECT_EQ(conn.query_value("SELECT max(id) FROM strata.audit_log"), "3");
  // The public schema keeps its owner and privileges.
  EXPECT_EQ(conn.query_value("SELECT nspowner::regrole::text || ' ' || "
                             "coalesce(nspacl::text, '') FROM pg_namespace "
                             "WHERE nspname = 'public'"),
            "pg_database_owner {pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}");
  EXPECT_EQ(snapshot(tdb.url()), before);
}

TEST(Backup, RefusesADamagedDump) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  std::ofstream(info.file, std::ios::app) << "x";
  try {
    restore(tdb.url(), info.file);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
  }
  EXPECT_THROW(restore(tdb.url(), dir.path() / "nope.dump"), UsageError);
}

TEST(Backup, RestoreRefusesADumpWithoutAUsableSidecarUnlessNotVerifying) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  const std::string before = snapshot(tdb.url());
  auto refused = [&](const std::string& why) {
    try {
      restore(tdb.url(), info.file);
      ADD_FAILURE() << why << ": restored";
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("--no-verify"), std::string::npos) << why << ": " << e.what();
    }
  };
  nlohmann::json other = nlohmann::json::parse(std::ifstream(info.sidecar));
  std::ofstream(info.sidecar, std::ios::trunc) << "this is not JSON";
  refused("a sidecar that is not JSON");
  other.erase("sha256");
  std::ofstream(info.sidecar, std::ios::trunc) << other.dump();
  refused("a sidecar without sha256");
  std::filesystem::remove(info.sidecar);
  refused("no sidecar");
  tdb.execute("UPDATE items SET name = 'changed'");
  RestoreOptions unchecked;
  unchecked.verify = false;
  restore(tdb.url(), info.file, unchecked);
  EXPECT_EQ(snapshot(tdb.url()), before);
}

TEST(Backup, RestoresACommentThatHoldsACopyLine) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  tdb.execute(
      "COMMENT ON TABLE items IS E'first\\nCOPY x FROM stdin;\\nsecond\\n\\\\.\\nlast';"
      "CREATE FUNCTION semi() RETURNS text LANGUAGE sql AS $f$ SELECT 'a;\nCOPY y FROM stdin;\n' $f$;"
      "INSERT INTO items (name) VALUES (E'line\\nCOPY z FROM stdin;\\n\\\\.\\nend')");
  const std::string before = snapshot(tdb.url());
  const std::string comment_sql = "SELECT obj_description('items'::regclass, 'pg_class') || semi()";
  const std::string comment = db::Connection(tdb.url()).query_value(comment_sql);
  ASSERT_NE(comment.find("\nCOPY x FROM stdin;\n"), std::string::npos) << comment;
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  tdb.execute("DELETE FROM items WHERE name LIKE 'line%'");
  restore(tdb.url(), info.file);
  EXPECT_EQ(snapshot(tdb.url()), before);
  EXPECT_EQ(db::Connection(tdb.url()).query_value(comment_sql), comment);
}

TEST(Backup, RestoreLeavesSchemasOutsideTheManagedOnesAlone) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  tdb.execute("CREATE SCHEMA extra; CREATE TABLE extra.notes (x int); INSERT INTO extra.notes VALUES (1);"
              "CREATE EXTENSION pgcrypto");
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  // After the backup: data in an unmanaged schema, a new unmanaged schema,
  // and a change in the managed one.
  tdb.execute("INSERT INTO extra.notes VALUES (2); CREATE SCHEMA later; CREATE TABLE later.t (y int);"
              "INSERT INTO later.t VALUES (7); UPDATE items SET name = 'changed'");
  RestoreOptions managed;
  managed.schemas = {"public"};
  restore(tdb.url(), info.file, managed);
  db::Connection conn(tdb.url());
  EXPECT_EQ(conn.query_value("SELECT string_agg(x::text, ',' ORDER BY x) FROM extra.notes"), "1,2");
  EXPECT_EQ(conn.query_value("SELECT y FROM later.t"), "7");
  EXPECT_EQ(conn.query_value("SELECT string_agg(name, ',' ORDER BY id) FROM items"), "apple,pear,it's");
  // The extension in public went with the schema and came back.
  EXPECT_EQ(conn.query_value("SELECT length(public.digest('x', 'sha256'))"), "32");

  // A view outside the managed schemas that depends on them would be
  // dropped along: restore refuses and names it, and changes nothing.
  tdb.execute("CREATE VIEW extra.cheap AS SELECT name FROM public.items WHERE price < 2;"
              "UPDATE items SET name = 'again'");
  try {
    restore(tdb.url(), info.file, managed);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("extra.cheap"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("the database is unchanged"), std::string::npos) << e.what();
  }
  EXPECT_EQ(conn.query_value("SELECT count(*) FROM extra.cheap"), "1");
  EXPECT_EQ(conn.query_value("SELECT min(name) FROM items"), "again");
}

TEST(Backup, RestoreRefusesToPickSchemasItCannotTellApart) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  tdb.execute("CREATE SCHEMA \"public x\"; CREATE TABLE \"public x\".t (x int)");
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  tdb.execute("UPDATE items SET name = 'changed'");
  RestoreOptions managed;
  managed.schemas = {"public"};
  try {
    restore(tdb.url(), info.file, managed);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("public x"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db::Connection(tdb.url()).query_value("SELECT min(name) FROM items"), "changed");
}

TEST(Backup, RestoreGivesUpAfterLockTimeout) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  tdb.execute(kSchema);
  BackupInfo info = backup(tdb.url(), dir.path(), std::nullopt);
  db::Connection holder(tdb.url());
  holder.execute("BEGIN; LOCK TABLE items IN ACCESS SHARE MODE");
  RestoreOptions options;
  options.lock_timeout = std::chrono::milliseconds(300);
  auto done = std::async(std::launch::async, [&] {
    try {
      restore(tdb.url(), info.file, options);
      return std::string("restored");
    } catch (const DatabaseError& e) {
      return e.sqlstate() + " " + e.what();
    }
  });
  bool finished = done.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  holder.execute("COMMIT");  // lets a restore that waited without a limit end
  ASSERT_TRUE(finished) << "restore still waited for the lock after 30 s";
  EXPECT_EQ(done.get().substr(0, 5), "55P03");
}

TEST(Backup, RetentionKeepsTheNewest) {
  testing::TempDir dir;
  testing::TestDatabase tdb;
  std::vector<BackupInfo> made;
  for (int i = 0; i < 3; ++i) made.push_back(backup(tdb.url(), dir.path(), std::nullopt));
  auto listed = list_backups(dir.path());
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].file, made[2].file);
  auto removed = prune_backups(dir.path(), 2);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0], made[0].file);
  EXPECT_FALSE(std::filesystem::exists(made[0].file));
  EXPECT_FALSE(std::filesystem::exists(made[0].sidecar));
  EXPECT_EQ(list_backups(dir.path()).size(), 2u);
  EXPECT_TRUE(prune_backups(dir.path(), 0).empty());
  EXPECT_EQ(list_backups(dir.path()).size(), 2u);
}

// A backup-shaped pair written by hand: dump bytes and a sidecar whose
// "file" says `file`.
void fake_backup(const std::filesystem::path& dir, const std::string& stem, const std::string& created_at,
                 const std::string& file) {
  std::ofstream(dir / (stem + ".dump")) << "dump";
  nlohmann::json j = {{"file", file}, {"revision", nullptr}, {"created_at", created_at},
                      {"sha256", std::string(64, 'a')}};
  std::ofstream(dir / (stem + ".json")) << j.dump();
}

TEST(Backup, PruningDeletesOnlyBackupFilesInsideTheFolder) {
  testing::TempDir root;
  const auto dir = root.path() / "project" / "backups";
  std::filesystem::create_directories(dir);
  const auto victim = root.path() / "victim.txt";
  std::ofstream(victim) << "precious";
  std::ofstream(dir / "notes.txt") << "mine";
  // The oldest sidecars name files outside the folder or another file.
  fake_backup(dir, "20260101_000000_none", "2026-01-01T00:00:00Z", "../../victim.txt");
  fake_backup(dir, "20260101_000001_none", "2026-01-01T00:00:01Z", victim.string());
  fake_backup(dir, "20260101_000002_none", "2026-01-01T00:00:02Z", "notes.txt");
  fake_backup(dir, "20260102_000000_none", "2026-01-02T00:00:00Z", "20260102_000000_none.dump");
  fake_backup(dir, "20260103_000000_none", "2026-01-03T00:00:00Z", "20260103_000000_none.dump");
  // Named unlike a backup: never listed, never pruned.
  fake_backup(dir, "keep-me", "2000-01-01T00:00:00Z", "keep-me.dump");

  auto removed = prune_backups(dir, 1);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0], dir / "20260102_000000_none.dump");
  EXPECT_TRUE(std::filesystem::exists(victim));
  EXPECT_TRUE(std::filesystem::exists(dir / "notes.txt"));
  EXPECT_TRUE(std::filesystem::exists(dir / "keep-me.dump"));
  EXPECT_TRUE(std::filesystem::exists(dir / "20260103_000000_none.dump"));
  EXPECT_FALSE(std::filesystem::exists(dir / "20260102_000000_none.json"));
  // The sidecars that name other files are not backups: not listed, kept.
  ASSERT_EQ(list_backups(dir).size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir / "20260101_000000_none.json"));
}

TEST(Backup, SweepRemovesOnlyUnlockedTemporaryFiles) {
  testing::TempDir dir;
  std::ofstream(dir.path() / ".20260101_000000_none.dump.tmp-AbC123") << "left by a killed backup";
  std::ofstream(dir.path() / ".20260101_000000_none.json.tmp-XyZ789") << "{";
  std::ofstream(dir.path() / ".hidden.tmp-AbC123") << "not ours";
  std::ofstream(dir.path() / "20260101_000000_none.dump") << "a backup";
  auto swept = sweep_stale_temps(dir.path());
  std::vector<std::filesystem::path> want = {dir.path() / ".20260101_000000_none.dump.tmp-AbC123",
                                             dir.path() / ".20260101_000000_none.json.tmp-XyZ789"};
  EXPECT_EQ(swept, want);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / ".hidden.tmp-AbC123"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "20260101_000000_none.dump"));
  EXPECT_TRUE(sweep_stale_temps(dir.path() / "missing").empty());
}

TEST(Backup, UnreachableServerIsADatabaseErrorAndWritesNothing) {
  testing::TempDir dir;
  try {
    backup("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2", dir.path(),
           std::nullopt);
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kUnreachable);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(PgTools, RefusesAnOlderPgDumpWithAClearMessage) {
  try {
    find_pg_tool("pg_dump", 99);
    FAIL() << "no error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("PostgreSQL 99 or newer"), std::string::npos) << what;
    EXPECT_NE(what.find("only older ones were found"), std::string::npos) << what;
  }
  auto found = find_pg_tool("pg_dump", 15);
  EXPECT_EQ(tool_major_version(found), 15);
  EXPECT_THROW(find_pg_tool("pg_no_such_tool", 0), Error);
}

}  // namespace
}  // namespace strata::apply
