#include "apply/backup.h"

#include <gtest/gtest.h>

#include <fstream>
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
