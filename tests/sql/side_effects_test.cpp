#include "sql/side_effects.h"

#include <gtest/gtest.h>

#include "sql/parse_result.h"

namespace strata::sql {
namespace {

TEST(FunctionCalls, FindsEveryCallInTextOrder) {
  auto r = parse("SELECT lower(a), pg_catalog.upper(b) FROM generate_series(1, f(2)) g "
                 "WHERE x IN (SELECT h())");
  ASSERT_TRUE(r.ok());
  std::vector<std::string> names;
  for (const auto& c : function_calls(*r.tree)) names.push_back(c.schema + "." + c.name);
  EXPECT_EQ(names, (std::vector<std::string>{".lower", "pg_catalog.upper", ".generate_series",
                                             ".f", ".h"}));
}

TEST(RefusedCall, RefusesCallsThatActOutsideTheDatabase) {
  for (const char* name :
       {"setval", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_ls_waldir",
        "pg_stat_file", "lo_import", "lo_export", "lo_unlink", "lowrite", "dblink",
        "dblink_exec", "pg_terminate_backend", "pg_cancel_backend", "pg_sleep",
        "pg_sleep_for", "set_config", "pg_advisory_lock", "pg_advisory_xact_lock",
        "pg_try_advisory_lock", "pg_advisory_unlock_all", "txid_current", "pg_current_xact_id",
        "pg_notify", "query_to_xml", "pg_reload_conf", "pg_create_logical_replication_slot",
        "pg_drop_replication_slot", "pg_logical_emit_message", "pg_file_write",
        "pg_stat_reset", "pg_switch_wal"}) {
    for (auto use : {ExpressionUse::kColumnDefault, ExpressionUse::kOther}) {
      auto why = refused_call({"", name, 0}, use);
      ASSERT_TRUE(why.has_value()) << name;
      EXPECT_TRUE(why->starts_with(std::string(name) + "() ")) << *why;
    }
    EXPECT_TRUE(refused_call({"pg_catalog", name, 0}, ExpressionUse::kOther).has_value());
    EXPECT_TRUE(refused_call({"public", name, 0}, ExpressionUse::kOther).has_value());
  }
}

TEST(RefusedCall, SequenceFunctionsOnlyInColumnDefaults) {
  for (const char* name : {"nextval", "currval", "lastval"}) {
    EXPECT_FALSE(refused_call({"", name, 0}, ExpressionUse::kColumnDefault).has_value()) << name;
    EXPECT_TRUE(refused_call({"", name, 0}, ExpressionUse::kOther).has_value()) << name;
  }
}

TEST(RefusedCall, AllowsOrdinaryFunctions) {
  for (const char* name : {"lower", "now", "gen_random_uuid", "coalesce", "length", "abs",
                           "to_tsvector", "jsonb_build_object", "position", "random",
                           "date_trunc", "setval_history", "my_settings"})
    EXPECT_FALSE(refused_call({"", name, 0}, ExpressionUse::kOther).has_value()) << name;
}

TEST(FindRefusedCall, GivesTheOffsetInTheExpression) {
  auto call = find_refused_call("1 + setval('s', 424242)", ExpressionUse::kOther);
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->call.name, "setval");
  EXPECT_EQ(call->offset, 4);
  EXPECT_FALSE(find_refused_call("nextval('s'::regclass)", ExpressionUse::kColumnDefault));
  auto nested = find_refused_call("coalesce(a, pg_catalog.nextval('s'))", ExpressionUse::kOther);
  ASSERT_TRUE(nested.has_value());
  EXPECT_EQ(nested->call.name, "nextval");
  EXPECT_EQ(nested->offset, 12);
  // Decided from the tree: a name in a string or a comment is no call.
  EXPECT_FALSE(find_refused_call("'setval(x)' <> b /* pg_sleep(1) */", ExpressionUse::kOther));
  EXPECT_FALSE(find_refused_call("\"setval\" > 0", ExpressionUse::kOther));  // a column
}

TEST(FindRefusedCall, FindsCallsInViewQueries) {
  auto call = find_refused_query_call(
      "SELECT x FROM t JOIN LATERAL (SELECT pg_read_file('/etc/passwd') AS x) s ON true");
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->call.name, "pg_read_file");
  EXPECT_TRUE(find_refused_query_call("SELECT nextval('s')").has_value());
  EXPECT_FALSE(find_refused_query_call("SELECT id, lower(email) FROM users").has_value());
}

TEST(GeneratedScriptProblem, AcceptsWhatCodegenWrites) {
  const char* script =
      "CREATE SCHEMA app;\n"
      "CREATE TYPE app.mood AS ENUM ('a', 'b');\n"
      "CREATE SEQUENCE app.s AS bigint;\n"
      "CREATE TABLE app.t (id integer DEFAULT nextval('app.s'::regclass) NOT NULL, CONSTRAINT "
      "t_check CHECK (id > 0));\n"
      "ALTER TABLE app.t ADD COLUMN b text;\n"
      "CREATE INDEX t_b_idx ON app.t USING btree (lower(b));\n"
      "CREATE VIEW app.v AS SELECT id FROM app.t;\n"
      "CREATE MATERIALIZED VIEW app.m AS SELECT id FROM app.t;\n"
      "COMMENT ON TABLE app.t IS 'x';\n"
      "ALTER TABLE app.t RENAME TO u;\n"
      "ALTER TYPE app.mood ADD VALUE 'c';\n"
      "CREATE EXTENSION citext WITH SCHEMA public;\n"
      "DROP TABLE app.u;\n";
  EXPECT_EQ(generated_script_problem(script), std::nullopt);
}

TEST(GeneratedScriptProblem, AcceptsWhatIsPutBackOnAViewButNoRevoke) {
  std::string script =
      "GRANT SELECT, UPDATE ON public.v TO reader;\n"
      "GRANT UPDATE ON public.v TO reader WITH GRANT OPTION;\n"
      "CREATE TRIGGER v_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION "
      "public.v_insert();\n"
      "CREATE RULE v_delete AS ON DELETE TO public.v DO INSTEAD DELETE FROM public.t WHERE "
      "t.id = old.id;\n";
  EXPECT_EQ(generated_script_problem(script), std::nullopt);
  EXPECT_EQ(generated_script_problem("REVOKE SELECT ON public.v FROM reader;\n"),
            "statement 1 (line 1) is a GrantStmt, which Strata never generates");
  EXPECT_TRUE(generated_script_problem("GRANT reader TO PUBLIC;\n").has_value());
  EXPECT_TRUE(generated_script_problem("GRANT USAGE ON SCHEMA public TO reader;\n").has_value());
}

TEST(GeneratedScriptProblem, RefusesOtherStatementsAndRefusedCalls) {
  EXPECT_EQ(generated_script_problem("CREATE TABLE t (a int);\nCOPY (SELECT 1) TO PROGRAM 'id';\n"),
            "statement 2 (line 2) is a CopyStmt, which Strata never generates");
  auto p = generated_script_problem("CREATE TABLE t (a int CHECK (setval('s', 1) > 0));\n");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->rfind("statement 1 (line 1): setval() ", 0), 0u) << *p;
  for (const char* bad : {"SELECT pg_sleep(10);", "DO $$ BEGIN END $$;", "SET ROLE postgres;",
                          "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);",
                          "SET check_function_bodies = off;",
                          "CREATE TABLE x AS SELECT 1;", "SELECT 1 INTO y;", "INSERT INTO t VALUES (1);"})
    EXPECT_TRUE(generated_script_problem(bad).has_value()) << bad;
  // Functions and aggregates are created without running anything.
  EXPECT_EQ(generated_script_problem("SET LOCAL check_function_bodies = off;\n"
                                     "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                                     "CREATE AGGREGATE a(int) (SFUNC = int4pl, STYPE = int);\n"),
            std::nullopt);
}

}  // namespace
}  // namespace strata::sql
