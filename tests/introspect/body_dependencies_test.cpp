// What PostgreSQL records in pg_depend for a function body naming a text
// search configuration: the differ finds such users by the body's text, and
// SCHEMA_FORMAT.md says why (a dependency exists for a SQL-standard body
// only). This keeps that statement true on the server the tests run on.
#include <gtest/gtest.h>

#include <string>

#include "db/connection.h"
#include "support/test_database.h"

namespace strata::introspect {
namespace {

TEST(BodyDependencies, AConfigurationIsADependencyOfAStandardBodyOnly) {
  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  // SQL-standard bodies came with PostgreSQL 14; string bodies are checked
  // on every server.
  bool standard = std::stoi(conn.query_value("SHOW server_version_num")) >= 140000;
  conn.execute(
      "CREATE TEXT SEARCH CONFIGURATION myconf (COPY = pg_catalog.simple);"
      "CREATE FUNCTION string_body(t text) RETURNS tsvector LANGUAGE sql "
      "AS $$ SELECT to_tsvector('public.myconf', t) $$;"
      "CREATE FUNCTION plpgsql_body(t text) RETURNS tsvector LANGUAGE plpgsql "
      "AS $$ BEGIN RETURN to_tsvector('public.myconf', t); END $$;");
  if (standard)
    conn.execute("CREATE FUNCTION standard_body(t text) RETURNS tsvector LANGUAGE sql "
                 "RETURN to_tsvector('public.myconf', t);");
  std::string recorded = conn.query_value(
      "SELECT coalesce(string_agg(p.proname::text, ',' ORDER BY p.proname), '') FROM pg_depend d "
      "JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid "
      "WHERE d.refclassid = 'pg_ts_config'::regclass AND d.refobjid = 'public.myconf'::regconfig");
  EXPECT_EQ(recorded, standard ? "standard_body" : "");
}

}  // namespace
}  // namespace strata::introspect
