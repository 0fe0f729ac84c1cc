#include "shadow/shadow_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>

#include "core/error.h"
#include "shadow/catalog_copy.h"
#include "shadow/script_runner.h"
#include "shadow/shadow_name.h"
#include "support/test_database.h"

namespace strata::shadow {
namespace {

using namespace std::chrono_literals;

bool database_exists(const std::string& name) {
  db::Connection admin(testing::server_url());
  return admin.query_value("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

ShadowOptions on_test_server() {
  ShadowOptions o;
  o.server_url = testing::server_url();
  return o;
}

TEST(ShadowDatabase, IsCreatedEmptyAndDroppedWhenItGoesAway) {
  std::string name;
  {
    ShadowDatabase shadow(on_test_server());
    name = shadow.name();
    EXPECT_TRUE(parse_name(name).has_value()) << name;
    EXPECT_TRUE(database_exists(name));
    EXPECT_EQ(shadow.connection().query_value("SELECT current_database()"), name);
    EXPECT_EQ(shadow.connection().query_value(
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"),
              "0");
  }
  EXPECT_FALSE(database_exists(name));
}

TEST(ShadowDatabase, IsDroppedWhenTheCallerFails) {
  std::string name;
  try {
    ShadowDatabase shadow(on_test_server());
    name = shadow.name();
    shadow.connection().execute("CREATE TABLE t (id integer)");
    shadow.connection().execute("SELECT * FROM nowhere");  // the injected failure
    FAIL() << "the statement should have failed";
  } catch (const DatabaseError&) {
  }
  ASSERT_FALSE(name.empty());
  EXPECT_FALSE(database_exists(name));
}

TEST(ShadowDatabase, StaleShadowsAreRemovedAndLiveOnesKept) {
  db::Connection admin(testing::server_url());
  auto now = std::chrono::system_clock::now();
  // A crashed create's shadow: an hour old, nobody connected.
  std::string stale = make_name(1, now - 1h, static_cast<std::uint32_t>(getpid()));
  // One just made, whose creator has not connected yet.
  std::string fresh = make_name(1, now, static_cast<std::uint32_t>(getpid()));
  // An old one somebody is connected to.
  std::string busy = make_name(2, now - 1h, static_cast<std::uint32_t>(getpid()));
  for (const auto& n : {stale, fresh}) admin.execute("CREATE DATABASE " + n);
  // Tests running beside this one make shadows too, and each sweeps: until
  // somebody is connected, "busy" is an hour-old idle shadow that such a sweep
  // may rightly drop, so it is made again until the connection holds it.
  std::unique_ptr<db::Connection> user;
  for (int attempt = 0; attempt < 20 && !user; ++attempt) {
    admin.execute("DROP DATABASE IF EXISTS " + busy);
    admin.execute("CREATE DATABASE " + busy);
    try {
      user = std::make_unique<db::Connection>(with_database(testing::server_url(), busy));
    } catch (const DatabaseError&) {
    }
  }
  ASSERT_TRUE(user) << "could not hold a connection to " << busy;
  {
    ShadowDatabase shadow(on_test_server());
    std::vector<std::string> swept = shadow.swept();
    // The stale one is gone either way (checked below), maybe by another sweep.
    EXPECT_EQ(std::find(swept.begin(), swept.end(), fresh), swept.end());
    EXPECT_EQ(std::find(swept.begin(), swept.end(), busy), swept.end());
  }
  EXPECT_FALSE(database_exists(stale));
  EXPECT_TRUE(database_exists(fresh));
  EXPECT_TRUE(database_exists(busy));  // checked while still connected
  user.reset();
  admin.execute("DROP DATABASE " + fresh);
  admin.execute("DROP DATABASE IF EXISTS " + busy);
}

TEST(ShadowDatabase, ARoleWithoutCreatedbIsRefused) {
  testing::TestDatabase target;
  std::string role = "strata_nocreatedb_" + std::to_string(getpid());
  db::Connection admin(testing::server_url());
  admin.execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN NOCREATEDB");
  {
    db::Connection as_role(with_database(testing::server_url(), target.name()) + " user=" + role);
    EXPECT_FALSE(may_create_databases(as_role));
    EXPECT_TRUE(may_create_databases(admin));
    ShadowOptions o;
    o.server_url = with_database(testing::server_url(), target.name()) + " user=" + role;
    try {
      ShadowDatabase shadow(o);
      FAIL() << "a role without CREATEDB made a shadow";
    } catch (const DatabaseError& e) {
      EXPECT_EQ(e.kind(), DatabaseError::Kind::kPermission);
      EXPECT_NE(std::string(e.what()).find("may not create databases"), std::string::npos) << e.what();
    }
  }
  admin.execute("DROP ROLE " + role);
}

TEST(CatalogCopy, CopiesTheSchemaWithoutRowsOrStrata) {
  testing::TestDatabase source;
  source.execute(
      "CREATE TYPE public.st AS ENUM ('a', 'b');"
      "CREATE TABLE public.t (id integer PRIMARY KEY, s public.st NOT NULL DEFAULT 'a', note text);"
      "CREATE INDEX t_note_idx ON public.t (lower(note)) WHERE s <> 'b';"
      "CREATE SCHEMA other; CREATE VIEW other.v AS SELECT id, note FROM public.t;"
      "INSERT INTO public.t SELECT g, 'a', 'n' FROM generate_series(1, 100) g;"
      "CREATE SCHEMA strata; CREATE TABLE strata.revisions (id text);");
  ShadowDatabase shadow(on_test_server());
  CopyOptions o;
  db::Connection probe(source.url());
  o.source_major = probe.server_version_num() / 10000;
  copy_catalog(source.url(), shadow.url(), o);
  auto& c = shadow.connection();
  EXPECT_EQ(c.query_value("SELECT count(*) FROM public.t"), "0");
  EXPECT_EQ(c.query_value("SELECT pg_get_indexdef('public.t_note_idx'::regclass)"),
            probe.query_value("SELECT pg_get_indexdef('public.t_note_idx'::regclass)"));
  EXPECT_EQ(c.query_value("SELECT count(*) FROM pg_views WHERE schemaname = 'other' AND viewname = 'v'"), "1");
  EXPECT_EQ(c.query_value("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata'"), "0");
  EXPECT_EQ(c.query_value("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"), "a,b");
}

TEST(CatalogCopy, AnInvalidIndexIsCopiedBuilt) {
  testing::TestDatabase source;
  source.execute("CREATE TABLE public.codes (id integer, key text); INSERT INTO public.codes VALUES (1, 'a'), (2, 'a')");
  db::Connection probe(source.url());
  EXPECT_THROW(probe.execute("CREATE UNIQUE INDEX CONCURRENTLY codes_key_idx ON public.codes (key)"), DatabaseError);
  ASSERT_EQ(probe.query_value("SELECT (NOT indisvalid)::text FROM pg_index WHERE indexrelid = 'codes_key_idx'::regclass"),
            "true");
  ShadowDatabase shadow(on_test_server());
  CopyOptions o;
  o.source_major = probe.server_version_num() / 10000;
  copy_catalog(source.url(), shadow.url(), o);
  EXPECT_EQ(shadow.connection().query_value(
                "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'public.codes_key_idx'::regclass"),
            "true");
}

TEST(ScriptRunner, NamesTheFailingStatementItsLineAndTheServersDetailAndHint) {
  testing::TestDatabase db;
  db.execute("CREATE TABLE public.t (id integer, b text); CREATE VIEW public.v AS SELECT b FROM public.t;");
  db::Connection conn(db.url());
  const std::string script =
      "-- header\n"
      "ALTER TABLE public.t ADD COLUMN c integer;\n"
      "\n"
      "ALTER TABLE public.t\n"
      "  DROP COLUMN b;\n"
      "ALTER TABLE public.t ADD COLUMN d integer;\n";
  conn.execute("BEGIN");
  auto failure = run_script(conn, script);
  conn.execute("ROLLBACK");
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->line, 4);
  EXPECT_EQ(failure->statement, "ALTER TABLE public.t\n  DROP COLUMN b");
  EXPECT_EQ(failure->sqlstate, "2BP01");
  EXPECT_NE(failure->message.find("cannot drop column b of table t"), std::string::npos) << failure->message;
  EXPECT_NE(failure->detail.find("view v depends on column b of table t"), std::string::npos) << failure->detail;
  EXPECT_NE(failure->hint.find("DROP ... CASCADE"), std::string::npos) << failure->hint;
  std::string text = failure->str("up.sql");
  EXPECT_NE(text.find("up.sql line 4: cannot drop column b"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  DETAIL: view v depends"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  HINT: "), std::string::npos) << text;
  EXPECT_NE(text.find("\n  statement: ALTER TABLE public.t   DROP COLUMN b"), std::string::npos) << text;

  EXPECT_FALSE(run_script(conn, "SELECT 1; SELECT 2;").has_value());
}

}  // namespace
}  // namespace strata::shadow
