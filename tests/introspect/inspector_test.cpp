// inspect() as a whole: the bounded number of statements, transactions,
// and the errors it reports.

#include "introspect/inspector.h"

#include <cctype>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "db/connection.h"
#include "support/test_database.h"
#include "support/test_roles.h"

namespace strata::introspect {
namespace {

// N tables of varied shape: serial keys, foreign keys to the previous table,
// an enum column, defaults, a check, an index, a comment.
std::string many_tables(int n) {
  std::string ddl = "CREATE TYPE state AS ENUM ('new', 'old'); CREATE SCHEMA other;";
  for (int i = 0; i < n; ++i) {
    std::string t = "t" + std::to_string(i);
    std::string schema = i % 3 == 0 ? "other." : "public.";
    ddl += "CREATE TABLE " + schema + t + " (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x'," +
           " s state DEFAULT 'new', amount numeric(10,2) CHECK (amount > 0), at timestamptz";
    if (i > 0) ddl += ", prev int REFERENCES " + (((i - 1) % 3 == 0) ? std::string("other.") :
                                                  std::string("public.")) +
                      "t" + std::to_string(i - 1);
    ddl += "); CREATE INDEX ON " + schema + t + " (lower(name)) WHERE at IS NOT NULL;";
    ddl += "COMMENT ON TABLE " + schema + t + " IS 'table " + t + "';";
    // Two functions and two triggers per table.
    ddl += "CREATE FUNCTION " + schema + t + "_touch() RETURNS trigger LANGUAGE plpgsql AS"
           " 'BEGIN RETURN NEW; END';";
    ddl += "CREATE FUNCTION " + schema + t + "_name(n text DEFAULT 'x') RETURNS text"
           " LANGUAGE sql AS 'SELECT lower(n)';";
    ddl += "CREATE TRIGGER a BEFORE INSERT ON " + schema + t + " FOR EACH ROW EXECUTE FUNCTION " +
           schema + t + "_touch();";
    ddl += "CREATE TRIGGER b BEFORE UPDATE ON " + schema + t + " FOR EACH ROW WHEN"
           " (old.name IS DISTINCT FROM new.name) EXECUTE FUNCTION " + schema + t + "_touch();";
  }
  return ddl;
}

int table_count(const model::Schema& s) {
  int n = 0;
  for (const auto& [name, ns] : s.namespaces) n += static_cast<int>(ns.tables.size());
  return n;
}

TEST(Inspector, StatementCountDoesNotGrowWithTheNumberOfTables) {
  strata::testing::TestDatabase small, large;
  small.execute(many_tables(10));
  large.execute(many_tables(300));
  db::Connection a(small.url()), b(large.url());
  Inspection few = inspect(a, {});
  Inspection many = inspect(b, {});
  EXPECT_EQ(table_count(few.schema), 10);
  EXPECT_EQ(table_count(many.schema), 300);
  EXPECT_EQ(many.schema.find_table({"public", "t299"})->foreign_keys.size(), 1u);
  EXPECT_EQ(many.schema.find_table({"other", "t0"})->indexes.size(), 1u);
  EXPECT_EQ(many.schema.find_table({"public", "t299"})->triggers.size(), 2u);
  EXPECT_EQ(many.schema.namespaces.at("other").functions.size(), 200u);
  EXPECT_GT(few.statements, 0);
  EXPECT_EQ(few.statements, many.statements);
  EXPECT_EQ(a.statements_sent(), few.statements);
  EXPECT_EQ(b.statements_sent(), many.statements);
}

// many_tables(n) and, per table, an object of each further kind introspection
// reads or names: a domain with a check, a composite type, a collation, a
// text search configuration, a trigger function and a trigger.
std::string many_objects(int n) {
  std::string ddl = many_tables(n);
  for (int i = 0; i < n; ++i) {
    std::string k = std::to_string(i);
    std::string table = (i % 3 == 0 ? "other." : "public.") + std::string("t") + k;
    ddl += "CREATE DOMAIN d" + k + " AS integer NOT NULL DEFAULT 1 CHECK (VALUE > " + k + ");";
    ddl += "CREATE TYPE c" + k + " AS (a integer, b text COLLATE \"C\");";
    ddl += "CREATE COLLATION coll" + k + " FROM \"C\";";
    ddl += "CREATE TEXT SEARCH CONFIGURATION ts" + k + " (COPY = pg_catalog.simple);";
    ddl += "CREATE FUNCTION f" + k + "() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';";
    ddl += "CREATE TRIGGER tr BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION f" + k + "();";
    ddl += "CREATE VIEW vw" + k + " AS SELECT 1 AS one;";
    ddl += "CREATE TRIGGER vtr INSTEAD OF INSERT ON vw" + k + " FOR EACH ROW EXECUTE FUNCTION f" + k + "();";
  }
  return ddl;
}

// How many objects of `kind` the inspection read into the model or named as
// unmanaged.
int seen(const Inspection& i, const std::string& kind) {
  int n = 0;
  for (const auto& [_, ns] : i.schema.namespaces) {
    if (kind == "domains") n += static_cast<int>(ns.domains.size());
    if (kind == "composite types") n += static_cast<int>(ns.composite_types.size());
    if (kind == "collations") n += static_cast<int>(ns.collations.size());
    if (kind == "text search configurations") n += static_cast<int>(ns.text_search_configs.size());
    // many_tables() has functions and triggers of its own: count many_objects()'s
    // (functions f<k>, triggers named tr).
    if (kind == "functions")
      for (const auto& [_, f] : ns.functions)
        n += f.name.size() > 1 && f.name[0] == 'f' && std::isdigit(static_cast<unsigned char>(f.name[1])) ? 1 : 0;
    if (kind == "triggers")
      for (const auto& [_, t] : ns.tables) n += static_cast<int>(t.triggers.count("tr"));
    if (kind == "triggers of views")
      for (const auto& [_, v] : ns.views) n += static_cast<int>(v.triggers.count("vtr"));
  }
  auto u = i.unmanaged.find(kind);
  if (u != i.unmanaged.end()) n += static_cast<int>(u->second.size());
  return n;
}

TEST(Inspector, StatementCountDoesNotGrowWithTheNumberOfObjectsOfAnyKind) {
  strata::testing::TestDatabase small, large;
  small.execute(many_objects(5));
  large.execute(many_objects(150));
  db::Connection a(small.url()), b(large.url());
  Inspection few = inspect(a, {});
  Inspection many = inspect(b, {});
  for (const char* kind : {"domains", "composite types", "collations", "text search configurations",
                           "functions", "triggers", "triggers of views"}) {
    EXPECT_EQ(seen(few, kind), 5) << kind;
    EXPECT_EQ(seen(many, kind), 150) << kind;
  }
  EXPECT_EQ(table_count(many.schema), 150);
  EXPECT_GT(few.statements, 0);
  EXPECT_EQ(few.statements, many.statements);
  EXPECT_EQ(a.statements_sent(), few.statements);
  EXPECT_EQ(b.statements_sent(), many.statements);
}

TEST(Inspector, OwnersAndGrantsAreReadOnlyWhenManaged) {
  std::string reader = strata::testing::unique_role_name("strata_inspect_reader");
  std::string owner = strata::testing::unique_role_name("strata_inspect_owner");
  strata::testing::TestRoles roles({reader, owner});
  strata::testing::TestDatabase db;
  db.execute("CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok');"
             " CREATE TABLE app.t (a int); CREATE SEQUENCE app.s; CREATE VIEW app.v AS SELECT 1 AS one;"
             " ALTER TABLE app.t OWNER TO " + owner + ";"
             " GRANT USAGE ON SCHEMA app TO " + reader + ";"
             " GRANT SELECT, UPDATE ON app.t TO " + reader + " WITH GRANT OPTION;"
             " GRANT INSERT ON app.t TO PUBLIC;"
             " GRANT USAGE ON SEQUENCE app.s TO " + reader + ";"
             // A type's default (USAGE for PUBLIC) made explicit is no grant.
             " GRANT USAGE ON TYPE app.mood TO " + reader + ";"
             " REVOKE USAGE ON TYPE app.mood FROM " + reader + ";"
             " GRANT SELECT ON app.v TO " + reader);
  db::Connection conn(db.url());
  Options plain;
  plain.schemas = {"app"};
  Inspection without = inspect(conn, plain);
  Options managed = plain;
  managed.manage_owners = true;
  managed.manage_privileges = true;
  Inspection with = inspect(conn, managed);
  EXPECT_EQ(with.statements, without.statements + 1);
  const auto& w = with.schema.namespaces.at("app");
  const auto& n = without.schema.namespaces.at("app");
  EXPECT_EQ(n.tables.at("t").access, model::Access{});
  EXPECT_EQ(n.access, model::Access{});
  EXPECT_EQ(w.tables.at("t").access.owner, owner);
  EXPECT_EQ(w.tables.at("t").access.grants,
            (std::map<std::string, model::PrivilegeSet>{
                {reader, {{"SELECT", true}, {"UPDATE", true}}}, {"public", {{"INSERT", false}}}}));
  EXPECT_EQ(w.access.grants, (std::map<std::string, model::PrivilegeSet>{{reader, {{"USAGE", false}}}}));
  EXPECT_EQ(w.sequences.at("s").access.grants.at(reader), (model::PrivilegeSet{{"USAGE", false}}));
  EXPECT_TRUE(w.enums.at("mood").access.grants.empty());
  EXPECT_TRUE(w.enums.at("mood").access.owner.has_value());
  EXPECT_EQ(w.views.at("v").access.grants.at(reader), (model::PrivilegeSet{{"SELECT", false}}));
}

TEST(Inspector, ManagedGrantsAreReadNotListedAsUnmanaged) {
  std::string reader = strata::testing::unique_role_name("strata_inspect_reader");
  strata::testing::TestRoles roles({reader});
  strata::testing::TestDatabase db;
  db.execute("CREATE SCHEMA app; CREATE TABLE app.t (a int); CREATE VIEW app.v AS SELECT 1 AS one;"
             " CREATE TABLE app.pt (k int) PARTITION BY RANGE (k);"
             " CREATE TABLE app.u (a int);"
             " GRANT SELECT ON app.t, app.v, app.pt TO " + reader + ";"
             // Granted and revoked: the ACL is no longer NULL, but holds only the owner's.
             " GRANT SELECT ON app.u TO " + reader + "; REVOKE SELECT ON app.u FROM " + reader);
  db::Connection conn(db.url());
  Options plain;
  plain.schemas = {"app"};
  Inspection without = inspect(conn, plain);
  ASSERT_TRUE(without.unmanaged.count("objects with grants"));
  EXPECT_EQ(without.unmanaged.at("objects with grants"),
            (std::vector<std::string>{"app.pt", "app.t", "app.u", "app.v"}));
  Options managed = plain;
  managed.manage_privileges = true;
  Inspection with = inspect(conn, managed);
  EXPECT_FALSE(with.unmanaged.count("objects with grants"))
      << "the grants of tables, partitioned tables and views are read: nothing left unmanaged";
  const auto& w = with.schema.namespaces.at("app");
  EXPECT_EQ(w.tables.at("pt").access.grants.at(reader), (model::PrivilegeSet{{"SELECT", false}}));
  EXPECT_TRUE(w.tables.at("u").access.grants.empty());
}

TEST(Inspector, PrivilegesTheModelsCannotSayAreNamedAsUnmanaged) {
  // The models list grants beyond PostgreSQL's defaults on schemas,
  // relations, enums and functions: grants on domains and composite types,
  // and a default taken from PUBLIC, are named instead of left unsaid.
  std::string reader = strata::testing::unique_role_name("strata_inspect_reader");
  strata::testing::TestRoles roles({reader});
  strata::testing::TestDatabase db;
  db.execute("CREATE SCHEMA app; CREATE DOMAIN app.d AS integer; CREATE TYPE app.c AS (a integer);"
             " CREATE TYPE app.e AS ENUM ('x'); CREATE TYPE app.open AS ENUM ('y');"
             " CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';"
             " CREATE FUNCTION app.g() RETURNS integer LANGUAGE sql AS 'SELECT 2';"
             " CREATE TABLE app.t (a int);"
             " GRANT USAGE ON DOMAIN app.d TO " + reader + "; GRANT USAGE ON TYPE app.c TO " + reader + ";"
             " REVOKE USAGE ON TYPE app.e FROM PUBLIC; REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;"
             " GRANT EXECUTE ON FUNCTION app.g() TO " + reader + "; GRANT USAGE ON TYPE app.open TO " + reader +
             "; GRANT SELECT (a) ON app.t TO " + reader);
  db::Connection conn(db.url());
  Options managed;
  managed.schemas = {"app"};
  managed.manage_privileges = true;
  Inspection i = inspect(conn, managed);
  EXPECT_EQ(i.unmanaged["domains and composite types with grants"], (std::vector<std::string>{"app.c", "app.d"}));
  EXPECT_EQ(i.unmanaged["functions with EXECUTE revoked from PUBLIC"], (std::vector<std::string>{"app.f()"}));
  EXPECT_EQ(i.unmanaged["enums with USAGE revoked from PUBLIC"], (std::vector<std::string>{"app.e"}));
  EXPECT_EQ(i.unmanaged["columns with grants"], (std::vector<std::string>{"app.t.a"}));
  // A grant the models can say is not named: the function's and the enum's.
  const auto& n = i.schema.namespaces.at("app");
  EXPECT_FALSE(n.enums.at("open").access.grants.empty());
  // The table's row type is no composite type of the models.
  for (const auto& [kind, names] : i.unmanaged)
    for (const auto& name : names) EXPECT_TRUE(name != "app.t" || kind == "objects with grants") << kind;
}

TEST(Inspector, OwnTransactionIsClosedAfterwards) {
  strata::testing::TestDatabase db;
  db.execute("CREATE TABLE t (a int)");
  db::Connection conn(db.url());
  inspect(conn, {});
  // Outside any transaction again: a new statement sees the session default.
  EXPECT_EQ(conn.query_value("SELECT current_setting('transaction_read_only')"), "off");
  EXPECT_EQ(conn.query_value("SELECT current_setting('search_path')"), "\"$user\", public");
  EXPECT_EQ(conn.query_value("SELECT current_setting('work_mem')"), "4MB");
  EXPECT_EQ(conn.query_value("SELECT current_setting('jit')"), "on");
}

TEST(Inspector, RunsInsideTheCallersTransactionAndRestoresSearchPath) {
  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  conn.execute("BEGIN");
  conn.execute("CREATE TABLE proved (id bigint GENERATED ALWAYS AS IDENTITY)");
  conn.execute("SET LOCAL search_path = public, pg_temp; SET LOCAL work_mem = '5MB'; SET LOCAL jit = on");
  Options options;
  options.own_transaction = false;
  Inspection got = inspect(conn, options);
  ASSERT_NE(got.schema.find_table({"public", "proved"}), nullptr);
  EXPECT_EQ(conn.query_value("SELECT current_setting('search_path')"), "public, pg_temp");
  EXPECT_EQ(conn.query_value("SELECT current_setting('work_mem')"), "5MB");
  EXPECT_EQ(conn.query_value("SELECT current_setting('jit')"), "on");
  // Still the caller's transaction: its table goes away with the rollback.
  conn.execute("ROLLBACK");
  EXPECT_EQ(conn.query_value("SELECT to_regclass('public.proved')"), "");
}

TEST(Inspector, TransactionOptionMustMatchTheConnectionsState) {
  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  Options inside;
  inside.own_transaction = false;
  EXPECT_THROW(inspect(conn, inside), UsageError);
  conn.execute("BEGIN");
  EXPECT_THROW(inspect(conn, {}), UsageError);
  // The caller's transaction was left alone.
  EXPECT_EQ(conn.query_value("SELECT 1"), "1");
  conn.execute("ROLLBACK");
}

TEST(Inspector, MissingManagedSchemaIsAUsageErrorNamingIt) {
  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  Options options;
  options.schemas = {"public", "nope", "Also Missing"};
  try {
    inspect(conn, options);
    FAIL() << "expected an error";
  } catch (const UsageError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("nope"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"Also Missing\""), std::string::npos) << msg;
    EXPECT_EQ(msg.find("public"), std::string::npos) << msg;
  }
  // The failed inspection left no transaction open, and the connection takes
  // the next statement (the queries already sent were read and dropped).
  EXPECT_EQ(conn.query_value("SELECT 1"), "1");
  EXPECT_EQ(conn.query_value("SELECT current_setting('transaction_read_only')"), "off");
}

TEST(Inspector, ReadsWhatHangsOnAView) {
  strata::testing::TestDatabase db;
  db::Connection conn(db.url());
  std::string role = "viewer_" + conn.query_value("SELECT current_database()");
  conn.execute("CREATE ROLE " + role);
  conn.execute(
      "CREATE TABLE t (id int PRIMARY KEY, name text);"
      "CREATE VIEW v AS SELECT id, name FROM t;"
      "CREATE VIEW plain AS SELECT id FROM t;"
      "GRANT SELECT, INSERT ON v TO " + role + ";"
      "GRANT SELECT ON v TO PUBLIC;"
      "GRANT UPDATE ON v TO " + role + " WITH GRANT OPTION;"
      "COMMENT ON COLUMN v.name IS 'shown name';"
      "CREATE FUNCTION v_ins() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN INSERT INTO t VALUES (NEW.id, NEW.name); RETURN NEW; END $$;"
      "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_ins();"
      "CREATE RULE v_del AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE t.id = old.id;");
  model::Schema s = inspect(conn, {}).schema;
  const model::View& v = s.namespaces.at("public").views.at("v");
  std::vector<model::ViewGrant> grants = {
      {role, "INSERT", false}, {role, "SELECT", false}, {role, "UPDATE", true},
      {"PUBLIC", "SELECT", false}};
  std::sort(grants.begin(), grants.end(), [](const auto& a, const auto& b) {
    return std::tie(a.grantee, a.privilege) < std::tie(b.grantee, b.privilege);
  });
  std::vector<model::ViewGrant> read = v.grants;
  std::sort(read.begin(), read.end(), [](const auto& a, const auto& b) {
    return std::tie(a.grantee, a.privilege) < std::tie(b.grantee, b.privilege);
  });
  EXPECT_EQ(read, grants);
  EXPECT_EQ(v.column_comments, (std::map<std::string, std::string>{{"name", "shown name"}}));
  // The trigger is the model's, read by the triggers' query.
  ASSERT_EQ(v.triggers.size(), 1u);
  const model::Trigger& tg = v.triggers.at("v_ins");
  EXPECT_EQ(tg.timing, "instead of");
  EXPECT_EQ(tg.events, std::vector<std::string>{"insert"});
  EXPECT_TRUE(tg.for_each_row);
  EXPECT_EQ(tg.function, "public.v_ins");
  ASSERT_EQ(v.rules.size(), 1u);
  EXPECT_EQ(v.rules[0].rfind("CREATE RULE v_del AS", 0), 0u) << v.rules[0];
  EXPECT_NE(v.rules[0].find("DELETE FROM public.t"), std::string::npos) << v.rules[0];
  const model::View& plain = s.namespaces.at("public").views.at("plain");
  EXPECT_TRUE(plain.grants.empty() && plain.column_comments.empty() && plain.triggers.empty() &&
              plain.rules.empty());
  conn.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
}

TEST(Inspector, OldServersAreRefused) {
  EXPECT_NO_THROW(require_supported_server(120000));
  EXPECT_NO_THROW(require_supported_server(150004));
  try {
    require_supported_server(110012);
    FAIL() << "expected an error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kOther);
    std::string msg = e.what();
    EXPECT_NE(msg.find("PostgreSQL 11.12 is not supported"), std::string::npos) << msg;
    EXPECT_NE(msg.find("12 or later"), std::string::npos) << msg;
  }
  EXPECT_THROW(require_supported_server(90624), DatabaseError);
}

TEST(Inspector, CatalogWithoutReadRightsIsAPermissionErrorNamingTheObject) {
  strata::testing::TestDatabase db;
  std::string role = "strata_noread_" + db.name();
  db.execute("CREATE ROLE " + role + " LOGIN; CREATE TABLE t (a int);"
             " REVOKE SELECT ON pg_catalog.pg_attribute FROM PUBLIC");
  std::string url = db.url();
  url.replace(url.find("postgres@"), 9, role + "@");
  {
    db::Connection conn(url);
    try {
      inspect(conn, {});
      ADD_FAILURE() << "expected an error";
    } catch (const DatabaseError& e) {
      EXPECT_EQ(e.kind(), DatabaseError::Kind::kPermission) << e.what();
      EXPECT_EQ(e.sqlstate(), "42501");
      std::string msg = e.what();
      EXPECT_NE(msg.find("pg_attribute"), std::string::npos) << msg;
    }
    // A query in the middle of those sent at once failed: the rest were read
    // and dropped, the transaction rolled back, and the connection goes on.
    EXPECT_EQ(conn.query_value("SELECT 1"), "1");
    EXPECT_EQ(conn.query_value("SELECT current_setting('transaction_read_only')"), "off");
  }
  db.execute("DROP ROLE " + role);
}

}  // namespace
}  // namespace strata::introspect
