#include "lint/linter.h"

#include <optional>

#include <gtest/gtest.h>

#include "core/error.h"
#include "lint/statement_rules.h"
#include "sql/parse_result.h"
#include "sql/script.h"

namespace strata::lint {
namespace {

using K = HazardKind;

std::vector<Finding> lint(const std::string& sql, std::vector<HazardKind> acknowledge = default_acknowledged()) {
  return lint_text(sql, "x.sql", acknowledge);
}

// Each case: a statement on an existing table, the kind it must raise, and
// its safe form, which must raise nothing.
struct Case {
  std::string risky;
  HazardKind kind;
  std::string message_part;
  std::string safe;
};

class FindingKinds : public ::testing::TestWithParam<Case> {};

TEST_P(FindingKinds, RiskyFormIsFlaggedAndSafeFormIsNot) {
  const Case& c = GetParam();
  auto found = lint(c.risky);
  ASSERT_EQ(found.size(), 1u) << c.risky;
  EXPECT_EQ(found[0].kind, c.kind) << found[0].str();
  EXPECT_NE(found[0].message.find(c.message_part), std::string::npos) << found[0].str();
  EXPECT_EQ(lint(c.safe), std::vector<Finding>{}) << c.safe;
}

INSTANTIATE_TEST_SUITE_P(
    Lint, FindingKinds,
    ::testing::Values(
        Case{"CREATE INDEX t_a_idx ON t (a);", K::kBlocksWrites,
             "CREATE INDEX blocks writes to t for the whole build; use CREATE INDEX CONCURRENTLY in a -- "
             "strata:step no-transaction step",
             "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);"},
        Case{"CREATE UNIQUE INDEX t_a_key ON public.t (a);", K::kBlocksWrites, "public.t",
             "CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON public.t (a);"},
        Case{"ALTER TABLE t ADD CONSTRAINT t_u_fkey FOREIGN KEY (u) REFERENCES u (id);", K::kBlocksWrites,
             "NOT VALID, then VALIDATE CONSTRAINT",
             "ALTER TABLE t ADD CONSTRAINT t_u_fkey FOREIGN KEY (u) REFERENCES u (id) NOT VALID;"
             " ALTER TABLE t VALIDATE CONSTRAINT t_u_fkey;"},
        Case{"ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);", K::kBlocksWrites, "VALIDATE CONSTRAINT",
             "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID;"},
        Case{"ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);", K::kBlocksWrites, "USING INDEX",
             "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key;"},
        Case{"ALTER TABLE t ALTER COLUMN a SET NOT NULL;", K::kBlocksWrites, "CHECK (a IS NOT NULL) NOT VALID",
             "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;"},
        Case{"ALTER TABLE t ALTER COLUMN a TYPE bigint;", K::kRewrite, "rewrites t",
             "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0;"},
        Case{"ALTER TABLE t DROP COLUMN a;", K::kDataLoss, "t.a", "ALTER TABLE t ADD COLUMN b text;"},
        Case{"DROP TABLE t;", K::kDataLoss, "DROP TABLE t", "CREATE TABLE t_new (x int); DROP TABLE t_new;"},
        Case{"TRUNCATE t;", K::kDataLoss, "every row", "SELECT count(*) FROM t;"},
        Case{"DELETE FROM t;", K::kDataLoss, "WHERE", "DELETE FROM t WHERE id = 1;"},
        Case{"ALTER TABLE t RENAME TO t2;", K::kBreaksRunningCode, "table t to t2",
             "ALTER TABLE t RENAME CONSTRAINT c1 TO c2;"},
        Case{"ALTER TABLE t RENAME COLUMN a TO b;", K::kBreaksRunningCode, "column t.a to b",
             "ALTER INDEX t_a_idx RENAME TO t_b_idx;"},
        Case{"ALTER TABLE t ADD COLUMN id2 uuid DEFAULT gen_random_uuid();", K::kRewrite, "gen_random_uuid",
             "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();"},
        Case{"ALTER TABLE t ADD COLUMN n bigserial;", K::kRewrite, "serial", "ALTER TABLE t ADD COLUMN n bigint;"},
        Case{"ALTER TABLE t ADD COLUMN n integer NOT NULL;", K::kMayFail, "fails when t has rows",
             "ALTER TABLE t ADD COLUMN n integer NOT NULL DEFAULT 0;"},
        Case{"VACUUM FULL t;", K::kBlocksReads, "ACCESS EXCLUSIVE", "VACUUM t;"},
        Case{"CLUSTER t USING t_pkey;", K::kBlocksReads, "CLUSTER rewrites t", "ANALYZE t;"},
        Case{"LOCK TABLE t;", K::kBlocksReads, "ACCESS EXCLUSIVE", "LOCK TABLE t IN ROW EXCLUSIVE MODE;"},
        Case{"LOCK TABLE t IN SHARE MODE;", K::kBlocksWrites, "blocks writes",
             "LOCK TABLE t IN ACCESS SHARE MODE;"},
        Case{"DROP INDEX t_a_idx;", K::kBlocksWrites, "DROP INDEX CONCURRENTLY",
             "DROP INDEX CONCURRENTLY t_a_idx;"},
        Case{"REINDEX TABLE t;", K::kBlocksWrites, "CONCURRENTLY", "REINDEX TABLE CONCURRENTLY t;"},
        Case{"DROP FUNCTION public.total(numeric);", K::kBreaksRunningCode, "DROP FUNCTION public.total breaks",
             "CREATE OR REPLACE FUNCTION public.total(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT 1';"},
        Case{"DROP PROCEDURE p();", K::kBreaksRunningCode, "DROP PROCEDURE p", "DROP TRIGGER tr ON t;"},
        Case{"DROP AGGREGATE public.agg(integer);", K::kBreaksRunningCode, "still calls it",
             "CREATE TABLE t_new (x int);"},
        // Who sees which rows: what the differ says of policies, grants and
        // row-level security, the linter says of their statements.
        Case{"DROP POLICY own_rows ON public.t;", K::kBreaksRunningCode, "DROP POLICY own_rows ON public.t",
             "ALTER POLICY own_rows ON public.t RENAME TO mine;"},
        Case{"ALTER POLICY own_rows ON t USING (owner = current_user);", K::kBreaksRunningCode,
             "changes which rows", "ALTER POLICY own_rows ON t RENAME TO mine;"},
        Case{"ALTER POLICY own_rows ON t WITH CHECK (amount > 0);", K::kBreaksRunningCode, "ALTER POLICY own_rows",
             "CREATE POLICY more_rows ON t USING (true);"},
        Case{"ALTER POLICY own_rows ON t TO reader;", K::kBreaksRunningCode, "own_rows ON t",
             "CREATE POLICY more_rows ON t AS PERMISSIVE FOR SELECT TO reader USING (true);"},
        Case{"CREATE POLICY hide ON t AS RESTRICTIVE USING (amount > 0);", K::kBreaksRunningCode,
             "AS RESTRICTIVE hides rows", "CREATE POLICY show ON t USING (amount > 0);"},
        Case{"REVOKE SELECT, UPDATE ON public.t FROM reader;", K::kBreaksRunningCode, "REVOKE SELECT, UPDATE",
             "GRANT SELECT ON public.t TO reader;"},
        Case{"REVOKE EXECUTE ON FUNCTION f(integer) FROM PUBLIC;", K::kBreaksRunningCode, "from PUBLIC",
             "REVOKE GRANT OPTION FOR SELECT ON t FROM reader;"},
        Case{"ALTER TABLE t ENABLE ROW LEVEL SECURITY;", K::kBreaksRunningCode, "ENABLE ROW LEVEL SECURITY on t",
             "ALTER TABLE t DISABLE ROW LEVEL SECURITY;"},
        Case{"ALTER TABLE t FORCE ROW LEVEL SECURITY;", K::kBreaksRunningCode, "the table's owner",
             "ALTER TABLE t NO FORCE ROW LEVEL SECURITY;"},
        Case{"ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
             K::kBlocksWrites, "scans m_2024",
             "CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"},
        Case{"ALTER TABLE m DETACH PARTITION m_2020;", K::kBreaksRunningCode, "m_2020 are no longer read",
             "ALTER TABLE m_2020 SET (fillfactor = 90);"}));

// The linter reads a tree only for statements the rules look into; its
// findings must be those of every statement's tree read by the rules.
std::vector<Finding> lint_every_tree(const std::string& text) {
  std::vector<Finding> out;
  CreatedTables created;
  auto split = sql::split_script(text);
  EXPECT_TRUE(split.ok());
  for (const auto& st : split.statements) {
    auto parsed = sql::parse(st.text);
    if (!parsed.ok()) continue;
    for (const auto& raw : (*parsed.tree)["stmts"])
      for (auto& h : hazards_of_statement(raw["stmt"], created))
        out.push_back({"x.sql", st.line, st.column, h.kind, h.message, false});
  }
  return out;
}

TEST(Lint, FindsWhatEveryStatementsTreeWouldShow) {
  const std::string text =
      "CREATE TYPE s.e AS ENUM ('a', 'b');\n"
      "CREATE SEQUENCE s.q;\n"
      "CREATE TABLE s.fresh (id bigint, a int);\n"
      "COMMENT ON TABLE s.fresh IS 'new';\n"
      "CREATE INDEX ON s.fresh (a);\n  CREATE UNIQUE INDEX ON fresh (id);\n"
      "CREATE INDEX ON s.old (a);\nCREATE INDEX ON other.fresh (a);\n"
      "CREATE TABLE s.copy AS SELECT * FROM s.old;\nCREATE INDEX ON s.copy (a);\nTRUNCATE s.copy;\n"
      "ALTER TABLE s.old ADD CONSTRAINT k CHECK (a > 0);\nALTER TABLE s.fresh ALTER COLUMN a TYPE bigint;\n"
      "ALTER TABLE s.old RENAME TO older;\nDROP TABLE s.fresh, s.old;\nTRUNCATE s.old;\nDELETE FROM s.old;\n"
      "VACUUM FULL s.old;\nCLUSTER s.old;\nLOCK TABLE s.old;\nREINDEX TABLE s.old;\n"
      "CREATE POLICY p ON s.old AS RESTRICTIVE USING (true);\nALTER POLICY p ON s.old TO r;\n"
      "REVOKE SELECT ON s.old FROM r;\nGRANT SELECT ON s.old TO r;\nINSERT INTO s.old VALUES (1);\n"
      "CREATE VIEW s.v AS SELECT 1;\nDROP VIEW s.v;\nALTER TYPE s.e ADD VALUE 'c';\n"
      "ALTER TYPE s.pair DROP ATTRIBUTE b;\nCREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
      "SELECT 1";
  auto found = lint(text, {});
  EXPECT_EQ(found, lint_every_tree(text));
  EXPECT_GE(found.size(), 16u);
}

TEST(Lint, AStatementsHeadSettlesOnlyKindsTheRulesDoNotLookInto) {
  CreatedTables created;
  EXPECT_TRUE(settled_by_head({"CreateStmt", "s", "t"}, created));
  EXPECT_TRUE(created.contains("s", "t"));
  EXPECT_TRUE(settled_by_head({"CreateTableAsStmt", "", "u"}, created));
  EXPECT_TRUE(created.contains("x", "u"));
  EXPECT_TRUE(settled_by_head({"IndexStmt", "s", "t"}, created));
  EXPECT_FALSE(settled_by_head({"IndexStmt", "other", "t"}, created));
  EXPECT_TRUE(settled_by_head({"CommentStmt", "", ""}, created));
  EXPECT_TRUE(settled_by_head({"CreateEnumStmt", "", ""}, created));
  for (std::string_view kind : {"AlterTableStmt", "RenameStmt", "DropStmt", "TruncateStmt", "DeleteStmt",
                                "VacuumStmt", "ClusterStmt", "LockStmt", "ReindexStmt", "CreatePolicyStmt",
                                "AlterPolicyStmt", "GrantStmt", ""})
    EXPECT_FALSE(settled_by_head({kind, "s", "t"}, created)) << kind;
}

// A table created earlier in the file holds no rows to scan: attaching it
// risks nothing, though the parent existed before.
TEST(Lint, AttachingATableCreatedEarlierInTheFileIsNotFlagged) {
  EXPECT_EQ(lint("CREATE TABLE m_2024 (at date); ALTER TABLE m ATTACH PARTITION m_2024 "
                 "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"),
            std::vector<Finding>{});
  EXPECT_EQ(lint("CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"), std::vector<Finding>{});
}

TEST(Lint, StatementsOnATableCreatedEarlierInTheFileAreNotFlagged) {
  std::string sql =
      "CREATE TABLE s.fresh (id bigint, a int);\n"
      "CREATE INDEX fresh_a_idx ON s.fresh (a);\n"
      "ALTER TABLE fresh ADD CONSTRAINT fresh_a_check CHECK (a > 0);\n"
      "ALTER TABLE s.fresh ALTER COLUMN a SET NOT NULL;\n"
      "ALTER TABLE s.fresh RENAME COLUMN a TO b;\n"
      "DROP TABLE s.fresh;\n";
  EXPECT_EQ(lint(sql), std::vector<Finding>{});
  // A table of the same name in another schema is not the new one.
  auto other = lint("CREATE TABLE a.t (x int);\nCREATE INDEX ON b.t (x);\n");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].line, 2);
  // A statement before the CREATE is still flagged.
  EXPECT_EQ(lint("CREATE INDEX ON t (x);\nCREATE TABLE t2 (x int);\n").size(), 1u);
  // Created without a schema: the same name in any schema counts as new.
  EXPECT_EQ(lint("CREATE TABLE t (x int);\nCREATE INDEX ON s.t (x);\n"), std::vector<Finding>{});
  // Created in two schemas: both are new, a third is not.
  auto third = lint("CREATE TABLE a.t (x int);\nCREATE TABLE b.t (x int);\nCREATE INDEX ON b.t (x);\n"
                    "CREATE INDEX ON a.t (x);\nCREATE INDEX ON c.t (x);\n");
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].line, 5);
}

// DROP POLICY and DROP TABLE read the table and the policy from the parse
// tree: a quoted name may hold a dot.
TEST(Lint, DropPolicyAndDropTableNamesMayHoldADot) {
  auto policy = lint("DROP POLICY \"own.rows\" ON s.t;");
  ASSERT_EQ(policy.size(), 1u);
  EXPECT_EQ(policy[0].message.substr(0, 30), "DROP POLICY own.rows ON s.t: r") << policy[0].str();
  // "a.b" in the search path is not table b of schema a, either way round.
  EXPECT_EQ(lint("CREATE TABLE \"a.b\" (x int);\nDROP TABLE \"a.b\";\n"), std::vector<Finding>{});
  auto other = lint("CREATE TABLE a.b (x int);\nDROP TABLE \"a.b\";\n");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].line, 2);
  EXPECT_EQ(other[0].kind, K::kDataLoss);
}

// A policy of a table created earlier in the file guards no rows yet.
TEST(Lint, DroppingAPolicyOfATableCreatedEarlierInTheFileIsNotFlagged) {
  EXPECT_EQ(lint("CREATE TABLE s.t (x int);\nCREATE POLICY p ON s.t USING (true);\nDROP POLICY p ON s.t;\n"),
            std::vector<Finding>{});
  EXPECT_EQ(lint("CREATE TABLE \"a.b\" (x int);\nDROP POLICY p ON \"a.b\";\n"), std::vector<Finding>{});
  // The same name in another schema is not the new table.
  auto other = lint("CREATE TABLE a.t (x int);\nDROP POLICY p ON b.t;\n");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].line, 2);
  EXPECT_EQ(other[0].message.substr(0, 21), "DROP POLICY p ON b.t:");
}

TEST(Lint, PositionsAreTheStatementsLineAndColumn) {
  std::string sql =
      "-- strata:revision 20261125134210\n"
      "SELECT 1;\n"
      "\n"
      "SELECT 2;   ALTER TABLE t\n"
      "  DROP COLUMN a;\n";
  auto found = lint(sql);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].file, "x.sql");
  EXPECT_EQ(found[0].line, 4);
  EXPECT_EQ(found[0].column, 13);
  EXPECT_EQ(found[0].str().substr(0, 25), "x.sql:4:13: data-loss: DR");
}

TEST(Lint, ErrorsAreUnacknowledgedKindsTheProjectRequires) {
  std::string sql = "DROP TABLE t;\nCREATE INDEX ON u (a);\nVACUUM FULL v;\n";
  auto found = lint(sql);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_TRUE(found[0].error);   // data-loss: required by default
  EXPECT_FALSE(found[1].error);  // blocks-writes: a warning by default
  EXPECT_TRUE(found[2].error);   // blocks-reads: required by default
  // The project may require other kinds, or none.
  auto strict = lint(sql, {K::kBlocksWrites});
  EXPECT_FALSE(strict[0].error);
  EXPECT_TRUE(strict[1].error);
  EXPECT_FALSE(strict[2].error);
  for (const auto& f : lint(sql, {})) EXPECT_FALSE(f.error);
}

TEST(Lint, TheAllowLineAcknowledgesKindsForTheFile) {
  std::string body = "DROP TABLE t;\nVACUUM FULL v;\n";
  auto one = lint("-- strata:allow data-loss\n" + body);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_FALSE(one[0].error);
  EXPECT_TRUE(one[1].error);
  for (std::string header : {"-- strata:allow data-loss, blocks-reads\n",
                             "-- strata:allow data-loss blocks-reads\n",
                             "--strata:allow blocks-reads\n-- strata:allow   data-loss,\n"}) {
    for (const auto& f : lint(header + body)) EXPECT_FALSE(f.error) << header << f.str();
  }
  // Only the leading comment block is the header.
  auto late = lint("SELECT 1;\n-- strata:allow data-loss\n" + body);
  EXPECT_TRUE(late[0].error);
  EXPECT_EQ(allowed_kinds("-- x\n-- strata:allow rewrite,may-fail\n", "f"),
            (std::vector<HazardKind>{K::kRewrite, K::kMayFail}));
}

TEST(Lint, AWrongAllowLineIsRefusedWithItsPosition) {
  try {
    lint("-- strata:revision 1\n-- strata:allow data-loss, dataloss\nSELECT 1;\n");
    FAIL() << "expected an error";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where, (Location{"x.sql", 2, 28}));
    EXPECT_NE(e.diagnostics()[0].message.find("unknown hazard kind 'dataloss'"), std::string::npos);
    EXPECT_NE(e.diagnostics()[0].message.find("data-loss, rewrite"), std::string::npos);
  }
  EXPECT_THROW(lint("-- strata:allow\nSELECT 1;\n"), LoadError);
}

TEST(Lint, UnparseableTextIsAnErrorWithItsPosition) {
  try {
    lint("SELECT 1;\nALTER TABLE t DROPP COLUMN a;\n");
    FAIL() << "expected an error";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, "x.sql");
    EXPECT_EQ(e.diagnostics()[0].where.line, 2);
    EXPECT_GT(e.diagnostics()[0].where.column, 0);
    EXPECT_NE(e.diagnostics()[0].message.find("does not parse"), std::string::npos);
  }
}

TEST(Lint, AStatementTooDeepToReadBackIsSkippedNotAnError) {
  std::string deep = "SELECT 1";
  for (int i = 0; i < 20000; ++i) deep += " + 1";
  auto found = lint(deep + ";\nDROP TABLE t;\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].line, 2);
}

TEST(Lint, KindNamesRoundTrip) {
  for (HazardKind k : all_kinds()) EXPECT_EQ(parse_kind(kind_name(k)), k);
  EXPECT_EQ(parse_kind("data loss"), std::nullopt);
}

}  // namespace
}  // namespace strata::lint
