// End to end: taking an existing database under Strata's management
// (`init` then `inspect --out schema/`, and `strata adopt`).

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_project.h"

namespace strata::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// An application schema as a team would have it before Strata: two schemas,
// an enum, a sequence, keys of every kind, a check, an index with a
// predicate, a view, comments, data.
const char* kExistingSchema = R"(
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE user_role AS ENUM ('admin', 'editor', 'viewer');
CREATE SCHEMA billing;
CREATE SEQUENCE invoice_numbers START 1000;
CREATE TABLE orgs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  email citext NOT NULL,
  role user_role NOT NULL DEFAULT 'viewer',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_check CHECK (position('@' in email) > 0),
  UNIQUE (org_id, email));
CREATE INDEX users_created_at_idx ON users (created_at DESC) WHERE role <> 'admin';
COMMENT ON TABLE users IS 'Registered accounts';
CREATE TABLE billing.invoices (
  number integer PRIMARY KEY DEFAULT nextval('invoice_numbers'),
  user_id bigint REFERENCES users (id),
  total numeric(12, 2) NOT NULL CHECK (total >= 0));
CREATE VIEW billing.open_totals AS SELECT user_id, sum(total) AS total FROM billing.invoices GROUP BY user_id;
INSERT INTO orgs (name) VALUES ('acme');
INSERT INTO users (org_id, email) VALUES (1, 'a@example.com');
INSERT INTO billing.invoices (user_id, total) VALUES (1, 10.50);
)";

// The catalog of the application's schemas, as rows a human can compare:
// relations, columns, constraints, indexes, enums, sequences, views,
// comments, extensions.
const char* kCatalogSql = R"(
SELECT 'rel', n.nspname, c.relname, c.relkind::text, '' FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname IN ('public', 'billing') AND c.relkind IN ('r', 'v', 'm', 'S', 'i')
UNION ALL
SELECT 'col', n.nspname, c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || ' ' || a.attidentity::text || a.attgenerated::text,
       coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname IN ('public', 'billing') AND c.relkind IN ('r', 'v') AND a.attnum > 0
    AND NOT a.attisdropped
UNION ALL
SELECT 'con', n.nspname, c.conname, c.contype::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
  JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname IN ('public', 'billing')
UNION ALL
SELECT 'idx', schemaname, indexname, '', indexdef FROM pg_indexes WHERE schemaname IN ('public', 'billing')
UNION ALL
SELECT 'enum', t.typname, e.enumlabel, e.enumsortorder::text, '' FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
UNION ALL
SELECT 'seq', schemaname, sequencename, data_type::text,
       start_value || ' ' || increment_by || ' ' || min_value || ' ' || max_value || ' ' || cycle
  FROM pg_sequences WHERE schemaname IN ('public', 'billing')
UNION ALL
SELECT 'view', schemaname, viewname, '', definition FROM pg_views WHERE schemaname IN ('public', 'billing')
UNION ALL
SELECT 'comment', c.relname, coalesce(d.description, ''), '', '' FROM pg_description d
  JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'billing')
UNION ALL
SELECT 'ext', extname, '', '', '' FROM pg_extension
ORDER BY 1, 2, 3, 4, 5
)";

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out.push_back(fs::relative(e.path(), dir).string() + (e.is_directory() ? "/" : " " + read_file(e.path())));
  std::sort(out.begin(), out.end());
  return out;
}

// What adopt may write: the models and the revisions (the log file aside).
std::vector<std::string> project_files(const E2EProject& p) {
  auto out = listing(p.dir() / "schema");
  for (auto& line : listing(p.dir() / "migrations")) out.push_back("migrations/" + line);
  return out;
}

// A project as `strata init` leaves it: no schema/ before init.
void init_project(const E2EProject& p) {
  fs::remove_all(p.dir() / "schema");
  fs::remove_all(p.dir() / "migrations");
  RunResult init = p.strata({"init"});
  ASSERT_EQ(init.exit_code, 0) << describe(init);
  ASSERT_TRUE(fs::exists(p.dir() / "schema" / "public.yaml"));
}

// Issue 13, problem 7: init wrote a placeholder model, so inspect refused
// to write schema/public.yaml.
TEST(Adopt, InspectIntoSchemaRightAfterInit) {
  E2EProject p;
  p.db().execute("CREATE TABLE things (id integer PRIMARY KEY, name text)");
  init_project(p);
  RunResult r = p.strata({"inspect", "--out", "schema/"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(read_file(p.dir() / "schema" / "public.yaml"), HasSubstr("things"));
  RunResult d = p.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << describe(d);
  EXPECT_EQ(nlohmann::json::parse(d.out)["empty"], true) << d.out;

  // A model someone wrote is never overwritten, placeholder name or not.
  write_file(p.dir() / "schema" / "public.yaml", "tables:\n  mine:\n    columns: {id: integer}\n");
  RunResult again = p.strata({"inspect", "--out", "schema"});
  EXPECT_EQ(again.exit_code, 2) << describe(again);
  EXPECT_THAT(again.err, HasSubstr("never overwrites"));
  EXPECT_THAT(read_file(p.dir() / "schema" / "public.yaml"), HasSubstr("mine"));
}

// Adoption in one step, right after init: models, a baseline revision, the
// database stamped at it. The baseline then builds the same catalog on an
// empty database, and its down empties that database again.
TEST(Adopt, AdoptAfterInitThenBaselineRebuildsTheSchemaOnAnEmptyDatabase) {
  E2EProject p;
  write_file(p.dir() / "strata.yaml",
             "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public, billing]\nlock_timeout: 5s\n");
  p.db().execute(kExistingSchema);
  std::string adopted_catalog = p.rows(kCatalogSql);
  ASSERT_THAT(adopted_catalog, HasSubstr("users_created_at_idx"));
  init_project(p);

  RunResult a = p.strata({"adopt", "--json"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  auto doc = nlohmann::json::parse(a.out);
  std::string id = doc["revision"].get<std::string>();
  EXPECT_EQ(id.size(), 14u) << a.out;
  EXPECT_EQ(doc["counts"]["tables"], 3) << a.out;
  EXPECT_EQ(p.current_revision(), id);
  // Stamped, not run: the data is untouched.
  EXPECT_EQ(p.query("SELECT email FROM users"), "a@example.com");
  EXPECT_EQ(p.query("SELECT duration_ms FROM strata.revisions"), "0");
  EXPECT_EQ(p.rows(kCatalogSql), adopted_catalog);
  EXPECT_EQ(p.rows("SELECT operation, target, result FROM strata.audit_log WHERE operation = 'adopt'"),
            "adopt|" + id + "|ok\n");

  ASSERT_EQ(p.revision_files().size(), 1u);
  std::string up = read_file(p.revision_files().front());
  EXPECT_THAT(up, HasSubstr("-- strata:parent   none"));
  EXPECT_THAT(up, HasSubstr("CREATE TABLE public.users"));
  EXPECT_THAT(read_file(p.dir() / "schema" / "public.yaml"), HasSubstr("users:"));
  EXPECT_THAT(read_file(p.dir() / "schema" / "billing.yaml"), HasSubstr("invoices:"));

  RunResult st = p.strata({"status", "--json"});
  ASSERT_EQ(st.exit_code, 0) << describe(st);
  auto status = nlohmann::json::parse(st.out);
  EXPECT_EQ(status["current"], id);
  EXPECT_TRUE(status["pending"].empty()) << st.out;
  EXPECT_EQ(status["drift"], false) << st.out;
  RunResult ck = p.strata({"check"});
  EXPECT_EQ(ck.exit_code, 0) << describe(ck);

  // The same project on an empty database: apply runs the baseline.
  E2EProject fresh;
  fs::copy_file(p.dir() / "strata.yaml", fresh.dir() / "strata.yaml", fs::copy_options::overwrite_existing);
  fs::remove_all(fresh.dir() / "schema");
  fs::remove_all(fresh.dir() / "migrations");
  fs::copy(p.dir() / "schema", fresh.dir() / "schema", fs::copy_options::recursive);
  fs::copy(p.dir() / "migrations", fresh.dir() / "migrations", fs::copy_options::recursive);
  RunResult fa = fresh.strata({"apply"});
  ASSERT_EQ(fa.exit_code, 0) << describe(fa);
  // Sequence positions aside (the adopted one has rows), the same catalog.
  EXPECT_EQ(fresh.rows(kCatalogSql), adopted_catalog);
  RunResult fck = fresh.strata({"check"});
  EXPECT_EQ(fck.exit_code, 0) << describe(fck);
  // Its down drops what the up created.
  RunResult rb = fresh.strata({"rollback", "base", "--yes"});
  ASSERT_EQ(rb.exit_code, 0) << describe(rb);
  EXPECT_EQ(fresh.query("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname IN ('public', 'billing')"),
            "0");
  EXPECT_EQ(fresh.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"), "0");
  EXPECT_EQ(fresh.query("SELECT count(*) FROM pg_type WHERE typname = 'user_role'"), "0");
}

// docs/ADOPTING.md, "Coming from a Rails structure.sql": the dump loaded into
// a scratch database, Rails' bookkeeping dropped, adopted; a real database
// loaded from the same file is then stamped at the baseline and is clean.
const char* kStructureSql = R"(
SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at = now(); RETURN NEW; END$$;
CREATE TABLE public.ar_internal_metadata (key character varying NOT NULL, value character varying,
  created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL);
CREATE TABLE public.posts (id bigint NOT NULL, title character varying, body text,
  created_at timestamp(6) without time zone NOT NULL, updated_at timestamp(6) without time zone NOT NULL);
CREATE SEQUENCE public.posts_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id;
CREATE TABLE public.schema_migrations (version character varying NOT NULL);
ALTER TABLE ONLY public.posts ALTER COLUMN id SET DEFAULT nextval('public.posts_id_seq'::regclass);
ALTER TABLE ONLY public.ar_internal_metadata ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);
ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
CREATE INDEX index_posts_on_title ON public.posts USING btree (title);
CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION public.touch();
SET search_path TO "$user", public;
INSERT INTO "schema_migrations" (version) VALUES ('20240101000000'), ('20240102000000');
)";

TEST(Adopt, FromARailsStructureSql) {
  E2EProject scratch;
  scratch.db().execute(kStructureSql);
  scratch.db().execute("DROP TABLE schema_migrations, ar_internal_metadata");
  init_project(scratch);
  RunResult a = scratch.strata({"adopt"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_THAT(a.out, HasSubstr("1 function, 1 trigger"));
  std::string baseline = scratch.current_revision();
  std::string up = read_file(scratch.revision_files().front());
  EXPECT_THAT(up, HasSubstr("CREATE TABLE public.posts"));
  EXPECT_THAT(up, ::testing::Not(HasSubstr("schema_migrations")));

  // The application's real database, built by Rails from the same file.
  E2EProject real;
  fs::remove_all(real.dir() / "schema");
  fs::remove_all(real.dir() / "migrations");
  fs::copy(scratch.dir() / "schema", real.dir() / "schema", fs::copy_options::recursive);
  fs::copy(scratch.dir() / "migrations", real.dir() / "migrations", fs::copy_options::recursive);
  real.db().execute(kStructureSql);
  real.db().execute("INSERT INTO posts (title, body, created_at, updated_at) VALUES ('t', 'b', now(), now())");
  real.db().execute("DROP TABLE schema_migrations, ar_internal_metadata");
  RunResult d = real.strata({"diff", "--json"});
  ASSERT_EQ(d.exit_code, 0) << describe(d);
  EXPECT_EQ(nlohmann::json::parse(d.out)["empty"], true) << d.out;
  RunResult st = real.strata({"stamp", baseline});
  ASSERT_EQ(st.exit_code, 0) << describe(st);
  RunResult ck = real.strata({"check"});
  EXPECT_EQ(ck.exit_code, 0) << describe(ck);
  EXPECT_EQ(real.query("SELECT title FROM posts"), "t");
}

// docs/ADOPTING.md, "Coming from Alembic": alembic_version moved out of the
// managed schemas, then adopted; it is in neither the models nor the baseline.
TEST(Adopt, FromAlembicWithItsVersionTableMovedAside) {
  E2EProject p;
  p.db().execute(
      "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
      "INSERT INTO alembic_version VALUES ('3f2a1b');"
      "CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL);"
      "CREATE SCHEMA IF NOT EXISTS legacy; ALTER TABLE public.alembic_version SET SCHEMA legacy;");
  init_project(p);
  RunResult a = p.strata({"adopt"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  EXPECT_THAT(read_file(p.dir() / "schema" / "public.yaml"), ::testing::Not(HasSubstr("alembic")));
  EXPECT_THAT(read_file(p.revision_files().front()), ::testing::Not(HasSubstr("alembic")));
  EXPECT_EQ(p.query("SELECT version_num FROM legacy.alembic_version"), "3f2a1b");
  RunResult ck = p.strata({"check"});
  EXPECT_EQ(ck.exit_code, 0) << describe(ck);
}

TEST(Adopt, WorksWithoutInitAndWithSplitFiles) {
  E2EProject p;
  p.db().execute("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a)");
  RunResult r = p.strata({"adopt", "--split", "--message", "Start from production"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("stamped"));
  EXPECT_TRUE(fs::exists(p.dir() / "schema" / "public" / "a.yaml"));
  EXPECT_TRUE(fs::exists(p.dir() / "schema" / "public" / "b.yaml"));
  ASSERT_EQ(p.revision_files().size(), 1u);
  EXPECT_THAT(p.revision_files().front().filename().string(), HasSubstr("start_from_production"));
  EXPECT_EQ(p.strata({"check"}).exit_code, 0);
}

TEST(Adopt, RefusesAProjectThatAlreadyHasRevisionsOrModelsAndWritesNothing) {
  E2EProject p;
  p.db().execute("CREATE TABLE things (id integer PRIMARY KEY)");

  p.write_revision("20260101000001", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  auto before = project_files(p);
  RunResult r = p.strata({"adopt"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("migrations/ already holds 1 revision"));
  EXPECT_THAT(r.err, HasSubstr("strata stamp"));
  EXPECT_EQ(project_files(p), before);
  EXPECT_EQ(p.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata'"), "0");

  fs::remove_all(p.dir() / "migrations");
  p.write_model("mine.yaml", "tables:\n  things:\n    columns: {id: integer}\n");
  before = project_files(p);
  RunResult m = p.strata({"adopt", "--json"});
  EXPECT_EQ(m.exit_code, 2) << describe(m);
  EXPECT_THAT(m.out, HasSubstr("schema/mine.yaml"));
  EXPECT_EQ(project_files(p), before);
}

TEST(Adopt, RefusesADatabaseThatIsAlreadyManaged) {
  E2EProject p;
  p.write_revision("20250101000000", "", "Create things", "CREATE TABLE things (id integer PRIMARY KEY);\n",
                   "DROP TABLE things;\n");
  ASSERT_EQ(p.strata({"apply"}).exit_code, 0);
  fs::remove_all(p.dir() / "migrations");
  auto before = project_files(p);
  RunResult r = p.strata({"adopt"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("20250101000000"));
  EXPECT_EQ(project_files(p), before);
  EXPECT_EQ(p.query("SELECT result FROM strata.audit_log WHERE operation = 'adopt'"), "error");
  EXPECT_EQ(p.current_revision(), "20250101000000");
}

// A failure while the files are being written takes back the ones written.
TEST(Adopt, AFailureWhileWritingLeavesNoFileAndNoStamp) {
  E2EProject p;
  p.db().execute("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY)");
  init_project(p);
  // Where the model of table b goes, a folder: a.yaml is written first, then b fails.
  fs::create_directories(p.dir() / "schema" / "public" / "b.yaml");
  auto before = project_files(p);
  RunResult r = p.strata({"adopt", "--split"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("schema/public/b.yaml exists"));
  EXPECT_EQ(project_files(p), before);
  EXPECT_FALSE(fs::exists(p.dir() / "schema" / "public" / "a.yaml"));
  EXPECT_EQ(p.current_revision(), "");
  EXPECT_TRUE(p.revision_files().empty());
}

TEST(Adopt, UnreachableDatabaseWritesNothing) {
  E2EProject p;
  auto before = project_files(p);
  RunOptions o = p.options();
  o.env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=3";
  RunResult r = run(o, {"adopt"});
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  EXPECT_EQ(project_files(p), before);
}

}  // namespace
}  // namespace strata::e2e
