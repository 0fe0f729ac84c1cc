// No false positives: every spelling of a default, check, index expression,
// index predicate, generated column or view is applied to a real table, read
// back from the catalog as introspection reads it, and compared with the
// spelling as the differ compares (offline first, then the server oracle in
// one round trip). Each must be judged the same; genuinely different pairs
// must be judged different by both.
#include <gtest/gtest.h>

#include <iostream>

#include "db/connection.h"
#include "introspect/server_oracle.h"
#include "sql/expression.h"
#include "sql/quote.h"
#include "support/test_database.h"

namespace strata::sql {
namespace {

using diff::ExpressionQuestion;
using Kind = ExpressionQuestion::Kind;

struct Spelling {
  Kind kind;
  std::string columns;  // "name type, name type"; the first column carries a default/generated
  std::string text;
};

const std::vector<Spelling> kSpellings = {
    {Kind::kDefault, "c timestamp with time zone", "now()"},
    {Kind::kDefault, "c timestamp with time zone", "CURRENT_TIMESTAMP"},
    {Kind::kDefault, "c timestamp with time zone", "statement_timestamp()"},
    {Kind::kDefault, "c timestamp with time zone", "(now() + '1 day'::interval)"},
    {Kind::kDefault, "c timestamp without time zone", "(now() AT TIME ZONE 'utc')"},
    {Kind::kDefault, "c date", "CURRENT_DATE"},
    {Kind::kDefault, "c date", "'2020-01-01'"},
    {Kind::kDefault, "c text", "'a'::text"},
    {Kind::kDefault, "c text", "'a'"},
    {Kind::kDefault, "c text", "''"},
    {Kind::kDefault, "c text", "'it''s'"},
    {Kind::kDefault, "c text", "lower('ABC')"},
    {Kind::kDefault, "c text", "current_user"},
    {Kind::kDefault, "c integer", "0"},
    {Kind::kDefault, "c integer", "-1"},
    {Kind::kDefault, "c integer", "(1 + 2)"},
    {Kind::kDefault, "c integer", "'7'"},
    {Kind::kDefault, "c smallint", "1"},
    {Kind::kDefault, "c bigint", "0::bigint"},
    {Kind::kDefault, "c bigint", "(0)"},
    {Kind::kDefault, "c bigint", "-9223372036854775808"},
    {Kind::kDefault, "c numeric", "1.50"},
    {Kind::kDefault, "c numeric", "0"},
    {Kind::kDefault, "c numeric(10,2)", "1.50"},
    {Kind::kDefault, "c numeric(10,2)", "-1"},
    {Kind::kDefault, "c double precision", "1.5"},
    {Kind::kDefault, "c real", "-0.5"},
    {Kind::kDefault, "c jsonb", "'{}'::jsonb"},
    {Kind::kDefault, "c jsonb", "'{}'"},
    {Kind::kDefault, "c jsonb", "'[]'"},
    {Kind::kDefault, "c json", "'{\"a\": 1}'"},
    {Kind::kDefault, "c integer[]", "ARRAY[]::integer[]"},
    {Kind::kDefault, "c integer[]", "'{}'"},
    {Kind::kDefault, "c integer[]", "ARRAY[1, 2]"},
    {Kind::kDefault, "c text[]", "'{}'::text[]"},
    {Kind::kDefault, "c interval", "'14 days'::interval"},
    {Kind::kDefault, "c interval", "'14 days'"},
    {Kind::kDefault, "c bigint", "nextval('s'::regclass)"},
    {Kind::kDefault, "c bigint", "nextval('public.s')"},
    {Kind::kDefault, "c bigint", "nextval('s')"},
    {Kind::kDefault, "c uuid", "gen_random_uuid()"},
    {Kind::kDefault, "c public.user_role", "'viewer'"},
    {Kind::kDefault, "c public.user_role", "'viewer'::user_role"},
    {Kind::kDefault, "c public.user_role", "'viewer'::public.user_role"},
    {Kind::kDefault, "c boolean", "true"},
    {Kind::kDefault, "c boolean", "'t'"},
    {Kind::kDefault, "c boolean", "false"},
    {Kind::kDefault, "c boolean", "'f'::boolean"},
    {Kind::kDefault, "c character varying(320)", "'x'"},
    {Kind::kDefault, "c character varying(320)", "''::character varying"},
    {Kind::kDefault, "c character(1)", "'a'"},
    {Kind::kDefault, "c bytea", "'\\x00'::bytea"},
    {Kind::kCheck, "price numeric", "price > 0"},
    {Kind::kCheck, "price numeric", "(price > 0)"},
    {Kind::kCheck, "price numeric", "price > 0::numeric"},
    {Kind::kCheck, "status text", "status IN ('a', 'b')"},
    {Kind::kCheck, "status character varying(10)", "status IN ('a', 'b')"},
    {Kind::kCheck, "status text", "status = ANY (ARRAY['a', 'b'])"},
    {Kind::kCheck, "status text", "NOT (status = 'x')"},
    {Kind::kCheck, "qty integer", "qty BETWEEN 1 AND 5"},
    {Kind::kCheck, "qty integer", "qty >= 1 AND qty <= 5"},
    {Kind::kCheck, "email text", "position('@' in email) > 0"},
    {Kind::kCheck, "email character varying(320)", "lower(email) = email"},
    {Kind::kCheck, "email character varying(320)", "length(email) <= 320"},
    {Kind::kCheck, "email text", "email ~* '^.+@.+$'"},
    {Kind::kCheck, "a integer, b integer", "a < b OR b IS NULL"},
    {Kind::kCheck, "r public.user_role", "r <> 'admin'::user_role"},
    {Kind::kCheck, "d date", "d > '2000-01-01'"},
    {Kind::kIndexExpression, "email character varying(320)", "lower(email)"},
    {Kind::kIndexExpression, "email character varying(320)", "lower((email)::text)"},
    {Kind::kIndexExpression, "email text", "lower(email)"},
    {Kind::kIndexExpression, "a integer, b integer", "(a + b)"},
    {Kind::kIndexExpression, "a integer, b integer", "COALESCE(a, b)"},
    {Kind::kIndexPredicate, "email character varying(320)", "email IS NOT NULL"},
    {Kind::kIndexPredicate, "deleted_at timestamp with time zone", "deleted_at IS NULL"},
    {Kind::kIndexPredicate, "status text", "status <> 'x'"},
    {Kind::kIndexPredicate, "active boolean", "active"},
    {Kind::kIndexPredicate, "active boolean", "active = true"},
    {Kind::kGenerated, "s integer, a integer, b integer", "a + b"},
    {Kind::kGenerated, "s text, email character varying(320)", "lower(email)"},
    {Kind::kGenerated, "s numeric, price numeric", "price * 1.2"},
    {Kind::kView, "", "SELECT id, email FROM users WHERE email IS NOT NULL"},
    {Kind::kView, "", "select u.id from public.users u order by u.id"},
    {Kind::kView, "", "SELECT count(*) AS n FROM users"},
};

const char* kSetup = R"sql(
CREATE TYPE public.user_role AS ENUM ('admin', 'editor', 'viewer');
CREATE SEQUENCE public.s;
CREATE SEQUENCE public.s2;
CREATE TABLE public.users (id bigint, email character varying(320));
)sql";

std::vector<model::Column> parse_columns(const std::string& list) {
  std::vector<model::Column> out;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t comma = list.find(", ", start);
    // A comma inside "numeric(10,2)" is not followed by a space.
    std::string part = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::size_t space = part.find(' ');
    model::Column c;
    c.name = part.substr(0, space);
    c.type = part.substr(space + 1);
    out.push_back(c);
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

// Creates the object carrying `s` as public.t<i> (or view public.v<i>) and
// returns the question: the catalog's rendering as current, `desired` (the
// spelling itself unless given) as desired.
class Fixture {
 public:
  Fixture() : conn_(db_.url()) { db_.execute(kSetup); }

  ExpressionQuestion apply(const Spelling& s, int i) {
    std::string table = "t" + std::to_string(i);
    ExpressionQuestion q;
    q.kind = s.kind;
    q.table = {"public", s.kind == Kind::kView ? "v" + std::to_string(i) : table};
    q.columns = parse_columns(s.columns);
    q.desired = s.text;
    std::string cols;
    for (std::size_t k = 0; k < q.columns.size(); ++k) {
      const auto& c = q.columns[k];
      cols += (k ? ", " : "") + quote_ident(c.name) + " " + c.type;
      if (k == 0 && s.kind == Kind::kDefault) cols += " DEFAULT " + s.text;
      if (k == 0 && s.kind == Kind::kGenerated) cols += " GENERATED ALWAYS AS (" + s.text + ") STORED";
    }
    if (!q.columns.empty() && (s.kind == Kind::kDefault || s.kind == Kind::kGenerated))
      q.column = q.columns[0].name;
    const std::string oid = "'public." + q.table.name + "'::regclass";
    switch (s.kind) {
      case Kind::kDefault:
      case Kind::kGenerated:
        db_.execute("CREATE TABLE public." + table + " (" + cols + ")");
        q.current = read("SELECT pg_get_expr(adbin, adrelid, true) FROM pg_attrdef WHERE adrelid = " + oid);
        break;
      case Kind::kCheck:
        db_.execute("CREATE TABLE public." + table + " (" + cols + ", CHECK (" + s.text + "))");
        q.current = read("SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = " + oid);
        // As introspection keeps it: without CHECK ( ... ).
        q.current = q.current.substr(7, q.current.size() - 8);
        break;
      case Kind::kIndexExpression:
        db_.execute("CREATE TABLE public." + table + " (" + cols + "); CREATE INDEX " + table +
                    "_i ON public." + table + " ((" + s.text + "))");
        q.current = read("SELECT pg_get_indexdef('public." + table + "_i'::regclass, 1, true)");
        break;
      case Kind::kIndexPredicate:
        db_.execute("CREATE TABLE public." + table + " (" + cols + "); CREATE INDEX " + table +
                    "_i ON public." + table + " (" + q.columns[0].name + ") WHERE " + s.text);
        q.current = read("SELECT pg_get_expr(indpred, indrelid, true) FROM pg_index WHERE indexrelid = 'public." +
                         table + "_i'::regclass");
        break;
      case Kind::kView:
        db_.execute("CREATE VIEW public." + q.table.name + " AS " + s.text);
        q.current = read("SELECT pg_get_viewdef(" + oid + ", true)");
        break;
    }
    return q;
  }

  db::Connection& conn() { return conn_; }

 private:
  // Read as introspection reads: search_path ''.
  std::string read(const std::string& query) {
    conn_.execute("BEGIN; SET LOCAL search_path = ''");
    std::string v = conn_.query_value(query);
    conn_.execute("ROLLBACK");
    return v;
  }

  strata::testing::TestDatabase db_;
  db::Connection conn_;
};

bool offline_same(const ExpressionQuestion& q) {
  ExpressionContext ctx;
  ctx.schema = q.table.schema;
  if (q.kind == Kind::kView) return same_select(q.current, q.desired, ctx);
  if (q.kind == Kind::kDefault || q.kind == Kind::kGenerated)
    for (const auto& c : q.columns)
      if (c.name == q.column) ctx.column_type = c.type;
  return same_expression(q.current, q.desired, ctx);
}

TEST(NoFalsePositives, EverySpellingMatchesWhatTheCatalogPrints) {
  Fixture f;
  std::vector<ExpressionQuestion> asked;
  int offline = 0;
  for (std::size_t i = 0; i < kSpellings.size(); ++i) {
    ExpressionQuestion q = f.apply(kSpellings[i], static_cast<int>(i));
    ASSERT_FALSE(q.current.empty()) << kSpellings[i].text;
    if (offline_same(q)) ++offline;
    else asked.push_back(q);
  }
  int sent = f.conn().statements_sent();
  introspect::ServerOracle oracle(f.conn());
  auto answers = oracle.same(asked);
  EXPECT_EQ(f.conn().statements_sent() - sent, asked.empty() ? 0 : 1);
  ASSERT_EQ(answers.size(), asked.size());
  for (std::size_t i = 0; i < asked.size(); ++i)
    EXPECT_TRUE(answers[i]) << "catalog: " << asked[i].current << "\nspelling: " << asked[i].desired;
  EXPECT_GE(kSpellings.size(), 50u);
  // Offline must settle a good share, or every diff would need the server.
  EXPECT_GE(offline, 15);
  std::cout << kSpellings.size() << " spellings: " << offline << " same offline, " << asked.size()
            << " confirmed by the server\n";
}

// Two spellings given side by side (neither from the catalog).
struct SpellingPair {
  Kind kind;
  std::string columns;
  std::string a, b;
};

std::vector<bool> judge(Fixture& f, const std::vector<SpellingPair>& pairs, std::vector<bool>* offline) {
  std::vector<ExpressionQuestion> qs;
  for (const auto& p : pairs) {
    ExpressionQuestion q;
    q.kind = p.kind;
    q.table = {"public", "t"};
    q.columns = parse_columns(p.columns);
    if (!q.columns.empty()) q.column = q.columns[0].name;
    q.current = p.a;
    q.desired = p.b;
    offline->push_back(offline_same(q));
    qs.push_back(q);
  }
  introspect::ServerOracle oracle(f.conn());
  return oracle.same(qs);
}

TEST(NoFalsePositives, PairsOfSpellingsAreSame) {
  const std::vector<SpellingPair> pairs = {
      {Kind::kDefault, "c text", "'a'::text", "'a'"},
      {Kind::kDefault, "c bigint", "nextval('s'::regclass)", "nextval('public.s')"},
      {Kind::kDefault, "c boolean", "true", "'t'"},
      {Kind::kDefault, "c integer[]", "'{}'::integer[]", "'{}'"},
      {Kind::kDefault, "c integer[]", "ARRAY[]::integer[]", "ARRAY[]::int4[]"},
      {Kind::kDefault, "c integer", "-1", "'-1'::integer"},
      {Kind::kCheck, "email character varying(320)", "lower(email) = email", "lower((email)::text) = (email)::text"},
      {Kind::kCheck, "x integer", "x IN (1, 2)", "x = ANY (ARRAY[1, 2])"},
      {Kind::kCheck, "x integer", "x BETWEEN 1 AND 5", "x >= 1 AND x <= 5"},
      {Kind::kCheck, "x text", "x IN ('a', 'b')", "x = ANY (ARRAY['a'::text, 'b'::text])"},
      {Kind::kIndexExpression, "email character varying(320)", "lower(email)", "lower((email)::text)"},
      {Kind::kView, "", "SELECT id FROM users", "SELECT users.id FROM public.users"},
  };
  Fixture f;
  std::vector<bool> offline;
  auto answers = judge(f, pairs, &offline);
  for (std::size_t i = 0; i < pairs.size(); ++i)
    EXPECT_TRUE(offline[i] || answers[i]) << pairs[i].a << " vs " << pairs[i].b;
}

TEST(NoFalsePositives, GenuinelyDifferentPairsAreDifferent) {
  const std::vector<SpellingPair> pairs = {
      {Kind::kDefault, "c text", "'a'", "'b'"},
      {Kind::kDefault, "c integer", "0", "-1"},
      {Kind::kDefault, "c integer", "-1", "1"},
      {Kind::kDefault, "c numeric", "1.5", "1.50"},
      {Kind::kDefault, "c interval", "'14 days'", "'15 days'"},
      {Kind::kDefault, "c public.user_role", "'viewer'", "'admin'"},
      {Kind::kDefault, "c boolean", "true", "false"},
      {Kind::kDefault, "c bigint", "nextval('s')", "nextval('s2')"},
      {Kind::kDefault, "c timestamp with time zone", "now()", "(now() + '1 day'::interval)"},
      {Kind::kDefault, "c jsonb", "'{}'", "'[]'"},
      {Kind::kDefault, "c character varying(320)", "'x'", "'X'"},
      {Kind::kCheck, "price numeric", "price > 0", "price >= 0"},
      {Kind::kCheck, "status text", "status IN ('a', 'b')", "status IN ('a', 'c')"},
      {Kind::kIndexExpression, "email text", "lower(email)", "upper(email)"},
      {Kind::kIndexPredicate, "email text", "email IS NOT NULL", "email IS NULL"},
      {Kind::kGenerated, "s integer, a integer, b integer", "a + b", "a - b"},
      {Kind::kView, "", "SELECT id FROM users", "SELECT email FROM users"},
  };
  Fixture f;
  std::vector<bool> offline;
  auto answers = judge(f, pairs, &offline);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    EXPECT_FALSE(offline[i]) << pairs[i].a << " vs " << pairs[i].b;
    EXPECT_FALSE(answers[i]) << pairs[i].a << " vs " << pairs[i].b;
  }
  // The same questions with both sides equal are answered true: the
  // falses above are the server's judgement, not a failure to ask.
  std::vector<SpellingPair> mirrored;
  for (const auto& p : pairs) mirrored.push_back({p.kind, p.columns, p.b, p.b});
  offline.clear();
  auto control = judge(f, mirrored, &offline);
  for (std::size_t i = 0; i < mirrored.size(); ++i) EXPECT_TRUE(control[i]) << mirrored[i].b;
}

}  // namespace
}  // namespace strata::sql
