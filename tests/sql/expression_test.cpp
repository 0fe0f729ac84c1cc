#include "sql/expression.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

struct Pair {
  std::string column_type;  // ExpressionContext::column_type
  std::string a, b;
};

ExpressionContext context(const Pair& p) {
  ExpressionContext ctx;
  ctx.column_type = p.column_type;
  return ctx;
}

const std::vector<Pair> kSame = {
    {"text", "'x'::text", "'x'"},
    {"text", "('x'::text)", "'x'"},
    {"text", "'it''s'::text", "'it''s'"},
    {"public.user_role", "'viewer'::user_role", "'viewer'"},
    {"public.user_role", "'viewer'::public.user_role", "'viewer'"},
    {"public.user_role", "'viewer'::user_role", "'viewer'::public.user_role"},
    {"user_role", "'viewer'::public.user_role", "'viewer'"},
    {"bigint", "0::bigint", "0"},
    {"bigint", "(0)::bigint", "0"},
    {"bigint", "0::int8", "0"},
    {"integer", "'-1'::integer", "-1"},
    {"integer", "(-1)", "-1"},
    {"integer", "- 1", "-1"},
    {"integer", "'42'::int4", "42"},
    {"numeric", "'1.50'::numeric", "1.50"},
    {"numeric(10,2)", "1.50::numeric(10,2)", "1.50"},
    {"numeric(10,2)", "1.50::numeric", "1.50"},
    {"character varying(320)", "'x'::character varying", "'x'"},
    {"character varying(320)", "'x'::varchar(320)", "'x'"},
    {"jsonb", "'{}'::jsonb", "'{}'"},
    {"interval", "'14 days'::interval", "'14 days'"},
    {"timestamp with time zone", "'2020-01-01'::timestamptz", "'2020-01-01'"},
    {"boolean", "true::boolean", "true"},
    {"boolean", "TRUE", "true"},
    {"text[]", "'{}'::text[]", "'{}'"},
    {"", "lower(email)", "LOWER( email )"},
    {"", "lower(email)", "pg_catalog.lower(email)"},
    {"", "now()", "NOW ( )"},
    {"", "a > 0", "(a > 0)"},
    {"", "a > 0", "((a) > (0))"},
    {"", "a  >  /* comment */ 0", "a > 0"},
    {"", "x IN (1, 2)", "x = ANY (ARRAY[1, 2])"},
    {"", "x IN (1, 2)", "(x = ANY (ARRAY[1,2]))"},
    {"", "x NOT IN ('a', 'b')", "x <> ALL (ARRAY['a', 'b'])"},
    {"", "x::int4 > 0", "x::integer > 0"},
    {"", "CAST(x AS integer) > 0", "(x)::pg_catalog.int4 > 0"},
    {"", "x::varchar(10)", "x::character varying(10)"},
    {"", "status::user_role", "status::public.user_role"},
    {"", "nextval('s'::regclass)", "nextval('s'::pg_catalog.regclass)"},
    {"", "a OPERATOR(pg_catalog.=) 1", "a = 1"},
    {"", "x BETWEEN 1 AND 5", "x between 1 and 5"},
    {"", "position('@' in email) > 0", "POSITION('@' IN email) > 0"},
    {"", "name COLLATE \"C\"", "name COLLATE pg_catalog.\"C\""},
    {"", "-2147483648", "(-2147483648)"},
    {"bigserial", "0::bigint", "0"},
    {"boolean", "'t'", "true"},
    {"boolean", "'f'::boolean", "false"},
    {"boolean", "'Yes'", "true"},
    {"integer", "'7'", "7"},
    {"numeric", "'-1.5'", "-1.5"},
};

const std::vector<Pair> kDifferent = {
    {"text", "'x'", "'y'"},
    {"integer", "0", "-1"},
    {"integer", "-1", "-2"},
    {"integer", "-1", "1"},
    {"integer", "'-1'::integer", "1"},
    {"timestamp with time zone", "now()", "CURRENT_TIMESTAMP"},
    {"text", "'viewer'::public.user_role", "'viewer'"},
    {"public.user_role", "'viewer'::other.user_role", "'viewer'"},
    {"bigint", "0::integer", "0"},
    {"character varying(320)", "'x'::varchar(10)", "'x'"},
    {"numeric", "1.5", "1.50"},
    {"", "'a'::text", "'a'"},
    {"", "a > 0", "a >= 0"},
    {"", "lower(email)", "upper(email)"},
    {"", "x IN (1, 2)", "x IN (2, 1)"},
    {"", "x IN (1, 2)", "x NOT IN (1, 2)"},
    {"", "x = ANY (ARRAY[1, 2])", "x = ALL (ARRAY[1, 2])"},
    {"", "\"Email\" IS NOT NULL", "email IS NOT NULL"},
    {"", "a AND b OR c", "a AND (b OR c)"},
    {"", "x::varchar(10)", "x::varchar(11)"},
    {"", "myschema.f(x)", "f(x)"},
    {"", "not valid sql (", "not valid sql  ("},
    {"integer", "- /* sign */ 5", "0"},
    {"boolean", "'t'", "false"},
    {"text", "'t'", "true"},
    {"boolean", "'maybe'", "true"},
    {"integer", "'7'", "8"},
    {"", "'7'", "7"},
    {"text", "lower('X'::text)", "lower('X')"},
    {"", "x - 1", "x - -1"},
};

TEST(SameExpression, SpellingsOfOneTreeAreSame) {
  for (const auto& p : kSame) {
    EXPECT_TRUE(same_expression(p.a, p.b, context(p))) << p.column_type << ": " << p.a << " vs " << p.b;
    EXPECT_TRUE(same_expression(p.b, p.a, context(p))) << p.column_type << ": " << p.b << " vs " << p.a;
    EXPECT_EQ(canonical_expression(p.a, context(p)), canonical_expression(p.b, context(p)))
        << p.a << " vs " << p.b;
  }
}

TEST(SameExpression, DifferentTreesAreNotSame) {
  for (const auto& p : kDifferent) {
    EXPECT_FALSE(same_expression(p.a, p.b, context(p))) << p.column_type << ": " << p.a << " vs " << p.b;
    EXPECT_NE(canonical_expression(p.a, context(p)), canonical_expression(p.b, context(p)))
        << p.a << " vs " << p.b;
  }
}

TEST(SameExpression, LiteralCastsAreKeptWithoutAColumn) {
  // The same pair is the same on a text column and not without one.
  ExpressionContext text_column{"text", "public"};
  EXPECT_TRUE(same_expression("'a'::text", "'a'", text_column));
  EXPECT_FALSE(same_expression("'a'::text", "'a'", {}));
  // A cast of a column reference is not a literal's cast.
  EXPECT_FALSE(same_expression("c::text", "c", text_column));
}

TEST(SameExpression, UserTypesResolveInTheContextSchema) {
  ExpressionContext app{"app.mood", "app"};
  EXPECT_TRUE(same_expression("'ok'::mood", "'ok'", app));
  EXPECT_TRUE(same_expression("'ok'::app.mood", "'ok'::mood", app));
  ExpressionContext pub{"", "public"};
  EXPECT_FALSE(same_expression("'ok'::app.mood", "'ok'::mood", pub));
}

TEST(CanonicalExpression, IsStableAndLocationFree) {
  auto a = canonical_expression("lower(email)");
  EXPECT_EQ(a, canonical_expression("lower(email)"));
  EXPECT_EQ(a.find("location"), std::string::npos) << a;
  EXPECT_EQ(canonical_expression("1 +"), "unparsed:1 +");
  // The wrapper cannot be escaped.
  EXPECT_EQ(canonical_expression("1), (2").rfind("unparsed:", 0), 0u);
  EXPECT_EQ(canonical_expression("1; DROP TABLE t").rfind("unparsed:", 0), 0u);
}

TEST(CanonicalSelect, ComparesViewQueries) {
  EXPECT_TRUE(same_select("SELECT id, email FROM users WHERE active",
                          "select id,\n       email\n  from users\n where (active);"));
  EXPECT_TRUE(same_select("SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a ASC NULLS LAST"));
  EXPECT_TRUE(same_select("SELECT x::int4 FROM t", "SELECT x::integer FROM t"));
  EXPECT_FALSE(same_select("SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a DESC"));
  EXPECT_FALSE(same_select("SELECT id FROM users", "SELECT id FROM users WHERE true"));
  EXPECT_FALSE(same_select("SELECT id FROM users", "SELECT -1 FROM users"));
  EXPECT_EQ(canonical_select("DELETE FROM t").rfind("unparsed:", 0), 0u);
  EXPECT_EQ(canonical_select("SELECT 1; SELECT 2").rfind("unparsed:", 0), 0u);
}

TEST(CanonicalIndex, ComparesIndexDefinitions) {
  const std::string printed = "CREATE INDEX users_email_idx ON public.users USING btree (email)";
  EXPECT_TRUE(same_index("create index users_email_idx on users (email asc nulls last)", printed));
  EXPECT_TRUE(same_index("CREATE INDEX users_email_idx ON users (email)", printed));
  EXPECT_TRUE(same_index("CREATE INDEX i ON t (a DESC NULLS FIRST)", "CREATE INDEX i ON t (a DESC)"));
  EXPECT_TRUE(same_index("CREATE INDEX i ON t (lower(email) text_pattern_ops)",
                         "CREATE INDEX i ON public.t USING btree (pg_catalog.lower(email) "
                         "pg_catalog.text_pattern_ops)"));
  EXPECT_FALSE(same_index("CREATE INDEX users_email_idx ON users (email DESC)", printed));
  EXPECT_FALSE(same_index("CREATE UNIQUE INDEX users_email_idx ON users (email)", printed));
  EXPECT_FALSE(same_index("CREATE INDEX users_email_idx ON users USING hash (email)", printed));
  EXPECT_FALSE(same_index("CREATE INDEX users_email_idx ON users (email) WHERE email IS NOT NULL",
                          printed));
  EXPECT_FALSE(same_index("CREATE INDEX i ON t (a DESC NULLS LAST)", "CREATE INDEX i ON t (a DESC)"));
  ExpressionContext app{"", "app"};
  EXPECT_FALSE(same_index("CREATE INDEX users_email_idx ON users (email)", printed, app));
}

}  // namespace
}  // namespace strata::sql
