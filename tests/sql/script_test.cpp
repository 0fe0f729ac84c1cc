#include "sql/script.h"

#include <gtest/gtest.h>

namespace strata::sql {
namespace {

std::vector<std::string> texts(const SplitResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.statements) out.push_back(s.text);
  return out;
}

TEST(SplitScript, SplitsPlainStatementsWithLinesAndOffsets) {
  std::string script = "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\nDROP TABLE a;";
  auto r = split_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0], (ScriptStatement{"CREATE TABLE a (id int)", 1, 0}));
  EXPECT_EQ(r.statements[1], (ScriptStatement{"CREATE TABLE b (id int)", 3, 26}));
  EXPECT_EQ(r.statements[2], (ScriptStatement{"DROP TABLE a", 4, 51}));
  EXPECT_EQ(script.substr(51, 12), "DROP TABLE a");
}

TEST(SplitScript, KeepsDollarQuotedBodiesWhole) {
  std::string script =
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\n"
      "BEGIN\n  PERFORM 1; RETURN 2;\nEND\n$body$;\n"
      "SELECT $$a;b$$, $x$ $$ ; $x$;";
  auto r = split_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_NE(r.statements[0].text.find("RETURN 2;\nEND\n$body$"), std::string::npos);
  EXPECT_EQ(r.statements[1].text, "SELECT $$a;b$$, $x$ $$ ; $x$");
  EXPECT_EQ(r.statements[1].line, 6);
}

TEST(SplitScript, SkipsCommentsAndEmptyStatements) {
  std::string script =
      "-- strata:revision 1\n"
      "/* a block comment; with /* nested */ semicolons; */\n"
      "CREATE TABLE t (s text DEFAULT 'a;b' -- a comment; here\n"
      ");;\n"
      ";  -- trailing comment only\n";
  auto r = split_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].line, 3);
  EXPECT_EQ(r.statements[0].text, "CREATE TABLE t (s text DEFAULT 'a;b' -- a comment; here\n)");
  EXPECT_EQ(r.statements[0].offset, static_cast<int>(script.find("CREATE")));
}

TEST(SplitScript, KeepsTransactionControlAsStatements) {
  auto r = split_script("BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(texts(r), (std::vector<std::string>{"BEGIN", "ALTER TABLE t ADD COLUMN c int", "COMMIT"}));
  EXPECT_TRUE(is_transaction_control(r.statements[0].text));
  EXPECT_FALSE(is_transaction_control(r.statements[1].text));
  EXPECT_TRUE(is_transaction_control(r.statements[2].text));
}

TEST(SplitScript, EmptyAndCommentOnlyScriptsHaveNoStatements) {
  EXPECT_TRUE(split_script("").statements.empty());
  EXPECT_TRUE(split_script("  \n-- nothing here\n/* nor here */\n").statements.empty());
  EXPECT_TRUE(split_script("").ok());
}

TEST(SplitScript, ReportsSyntaxErrorsWithLineAndColumn) {
  auto r = split_script("CREATE TABLE a (id int);\n\n  SELEC 1;\nSELECT 2;");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.statements.empty());
  EXPECT_EQ(r.error->line, 3);
  EXPECT_EQ(r.error->column, 3);
  EXPECT_EQ(r.error->offset, 28);
  EXPECT_NE(r.error->message.find("SELEC"), std::string::npos) << r.error->message;
  EXPECT_EQ(r.error->str().rfind("3:3: ", 0), 0u) << r.error->str();
}

TEST(SplitScript, ReportsUnterminatedDollarQuote) {
  auto r = split_script("SELECT 1;\nSELECT $$ never closed;\n");
  ASSERT_FALSE(r.ok());
  EXPECT_GE(r.error->line, 2);
  EXPECT_FALSE(r.error->message.empty());
}

TEST(TransactionControl, RecognizesEveryForm) {
  for (const char* s : {"BEGIN", "begin transaction isolation level serializable", "START TRANSACTION",
                        "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT a", "RELEASE SAVEPOINT a",
                        "ROLLBACK TO SAVEPOINT a", "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'"})
    EXPECT_TRUE(is_transaction_control(s)) << s;
  for (const char* s : {"SELECT 1", "CREATE TABLE begin (commit int)", "not sql at all",
                        "DO $$ BEGIN COMMIT; END $$"})
    EXPECT_FALSE(is_transaction_control(s)) << s;
}

TEST(CannotRunInTransaction, FromTheParseTree) {
  for (const char* s : {"CREATE INDEX CONCURRENTLY i ON t (a)",
                        "create unique index concurrently if not exists i on s.t using gin (a)",
                        "DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY i",
                        "REINDEX (CONCURRENTLY) TABLE t", "VACUUM", "VACUUM (ANALYZE) t",
                        "CREATE DATABASE d", "DROP DATABASE IF EXISTS d",
                        "ALTER DATABASE d SET TABLESPACE x", "CREATE TABLESPACE x LOCATION '/x'",
                        "DROP TABLESPACE x", "ALTER SYSTEM SET work_mem = '1MB'", "CLUSTER",
                        "ALTER SUBSCRIPTION s REFRESH PUBLICATION"})
    EXPECT_TRUE(cannot_run_in_transaction(s)) << s;
  for (const char* s : {"CREATE INDEX i ON t (a)", "DROP INDEX i", "REINDEX INDEX i", "ANALYZE t",
                        "CLUSTER t USING i", "ALTER DATABASE d SET work_mem = '1MB'",
                        "ALTER TYPE e ADD VALUE 'x'", "SELECT 'CREATE INDEX CONCURRENTLY'",
                        "COMMENT ON TABLE t IS 'VACUUM'", "BEGIN", "garbage ("})
    EXPECT_FALSE(cannot_run_in_transaction(s)) << s;
}

// analyze_script must agree with split_script and with the per-statement
// tests, from one parse of the whole script.
TEST(AnalyzeScript, ClassifiesEachStatementAsTheSingleStatementTestsDo) {
  std::vector<std::string> statements = {
      "BEGIN", "begin transaction isolation level serializable", "START TRANSACTION", "COMMIT",
      "END", "ROLLBACK", "ABORT", "SAVEPOINT a", "RELEASE SAVEPOINT a", "ROLLBACK TO SAVEPOINT a",
      "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "SELECT 1",
      "CREATE TABLE begin (commit int)", "DO $$ BEGIN COMMIT; END $$",
      "CREATE INDEX CONCURRENTLY i ON t (a)",
      "create unique index concurrently if not exists i on s.t using gin (a)",
      "DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY i", "REINDEX (CONCURRENTLY) TABLE t",
      "VACUUM", "VACUUM (ANALYZE) t", "CREATE DATABASE d", "DROP DATABASE IF EXISTS d",
      "ALTER DATABASE d SET TABLESPACE x", "CREATE TABLESPACE x LOCATION '/x'", "DROP TABLESPACE x",
      "ALTER SYSTEM SET work_mem = '1MB'", "CLUSTER", "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
      "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p", "DROP SUBSCRIPTION s",
      "CREATE INDEX i ON t (a)", "DROP INDEX i", "REINDEX INDEX i", "ANALYZE t",
      "CLUSTER t USING i", "ALTER DATABASE d SET work_mem = '1MB'", "ALTER TYPE e ADD VALUE 'x'",
      "SELECT 'CREATE INDEX CONCURRENTLY'", "COMMENT ON TABLE t IS 'VACUUM'"};
  std::string script;
  for (const auto& st : statements) script += "  " + st + ";\n-- between\n";
  auto r = analyze_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), statements.size());
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& st = r.statements[i];
    EXPECT_EQ(st.text, statements[i]);
    EXPECT_EQ(st.line, static_cast<int>(2 * i + 1));
    EXPECT_EQ(st.column, 3);
    TransactionUse want = is_transaction_control(statements[i])       ? TransactionUse::kControl
                          : cannot_run_in_transaction(statements[i]) ? TransactionUse::kOutsideOnly
                                                                      : TransactionUse::kAny;
    EXPECT_EQ(st.transaction, want) << statements[i];
  }
  EXPECT_EQ(r.statements[0].transaction, TransactionUse::kControl);
  EXPECT_EQ(r.statements[15].transaction, TransactionUse::kOutsideOnly);
  EXPECT_EQ(r.statements[12].transaction, TransactionUse::kAny);
}

TEST(AnalyzeScript, SplitsAsSplitScriptDoes) {
  for (std::string script :
       {std::string("CREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\nDROP TABLE a;"),
        std::string("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\n"
                    "BEGIN\n  PERFORM 1; RETURN 2;\nEND\n$body$;\nSELECT $$a;b$$, $x$ $$ ; $x$;"),
        std::string("/* a */ ;; -- b\n  SELECT 1 /* c */ ;\n\t SELECT 2 -- d\n"),
        std::string("  \n-- nothing here\n/* nor here */\n"), std::string()}) {
    auto split = split_script(script);
    auto analyzed = analyze_script(script);
    ASSERT_TRUE(analyzed.ok()) << script;
    ASSERT_EQ(analyzed.statements.size(), split.statements.size()) << script;
    for (std::size_t i = 0; i < split.statements.size(); ++i) {
      // analyze_script adds each statement's head; the rest is the split's.
      ScriptStatement plain = analyzed.statements[i];
      plain.head = StatementHead{};
      EXPECT_EQ(plain, split.statements[i]) << script;
    }
  }
  auto r = analyze_script("x;\n  SELECT 1;");
  ASSERT_FALSE(r.ok());
}

TEST(AnalyzeScript, ReportsErrorsAsSplitScriptDoes) {
  for (std::string script : {std::string("CREATE TABLE a (id int);\n\n  SELEC 1;\nSELECT 2;"),
                             std::string("SELECT 1;\nSELECT $$ never closed;\n"),
                             std::string("SELECT 1;\nSELECT '\xff';")}) {
    auto split = split_script(script);
    auto analyzed = analyze_script(script);
    ASSERT_FALSE(split.ok()) << script;
    ASSERT_FALSE(analyzed.ok()) << script;
    EXPECT_EQ(*analyzed.error, *split.error) << script;
    EXPECT_TRUE(analyzed.statements.empty());
  }
}

TEST(AnalyzeScript, ColumnsAndLinesOfAScriptLargerThanTheInlineParse) {
  // Over 16 KB: parsed on its own thread; positions counted in one pass.
  std::string script;
  for (int i = 0; i < 2000; ++i) script += "SELECT " + std::to_string(i) + "; ";
  script += "\n    CREATE INDEX CONCURRENTLY i ON t (a);\n";
  auto r = analyze_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 2001u);
  EXPECT_EQ(r.statements[1].column, 11);
  EXPECT_EQ(r.statements.back().line, 2);
  EXPECT_EQ(r.statements.back().column, 5);
  EXPECT_EQ(r.statements.back().transaction, TransactionUse::kOutsideOnly);
}

TEST(AnalyzeScript, AScriptOfManyPiecesIsJudgedAsAWhole) {
  // About 1.5 MB: parsed in several pieces; the statements refused inside a
  // transaction sit in different pieces, one right at the end.
  std::string script;
  const std::string filler =
      "CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL DEFAULT '', note text);\n";
  int count = 0;
  for (int i = 0; i < 18000; ++i, ++count) {
    script += filler;
    if (i % 6000 == 5999) {
      script += "/* between */ VACUUM;\n";
      ++count;
    }
  }
  script += "COMMIT;";
  ++count;
  auto r = analyze_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), static_cast<std::size_t>(count));
  int outside = 0, control = 0;
  for (const auto& st : r.statements) {
    if (st.transaction == TransactionUse::kOutsideOnly) {
      ++outside;
      EXPECT_EQ(st.text, "VACUUM");
    }
    if (st.transaction == TransactionUse::kControl) ++control;
  }
  EXPECT_EQ(outside, 3);
  EXPECT_EQ(control, 1);
  EXPECT_EQ(r.statements.back().transaction, TransactionUse::kControl);
  EXPECT_EQ(r.statements.back().line, count);
}

// A statement whose tree nests one level per term: the tree must not be
// unpacked level by level (that recursion outgrows any stack sized for the
// text and killed the process). It is judged from its root like any other,
// and positions still come out right.
TEST(AnalyzeScript, ADeepStatementIsJudgedWithoutReadingItsWholeTree) {
  std::string sum = "1";
  for (int i = 0; i < 20000; ++i) sum += "+1";
  std::string script = "SELECT 0;\n  SELECT " + sum + ";\nCREATE INDEX CONCURRENTLY i ON t ((" + sum +
                       "));\nBEGIN;\n";
  auto r = analyze_script(script);
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 4u);
  EXPECT_EQ(r.statements[1].text, "SELECT " + sum);
  EXPECT_EQ(r.statements[1].line, 2);
  EXPECT_EQ(r.statements[1].column, 3);
  EXPECT_EQ(r.statements[1].transaction, TransactionUse::kAny);
  EXPECT_EQ(r.statements[2].line, 3);
  EXPECT_EQ(r.statements[2].transaction, TransactionUse::kOutsideOnly);
  EXPECT_EQ(r.statements[3].transaction, TransactionUse::kControl);
  // Alone, too: a piece of one statement.
  auto alone = analyze_script("SELECT " + sum);
  ASSERT_TRUE(alone.ok());
  ASSERT_EQ(alone.statements.size(), 1u);
  EXPECT_EQ(alone.statements[0].transaction, TransactionUse::kAny);
}

TEST(AnalyzeScript, ReadsEachStatementsHead) {
  auto r = analyze_script(
      "CREATE TABLE s.t (id int);\nCREATE TABLE u (id int);\nCREATE TABLE s.m AS SELECT 1;\n"
      "CREATE UNIQUE INDEX i ON s.t (id);\nCOMMENT ON TABLE u IS 'x';\nCREATE TYPE e AS ENUM ('a');\n"
      "ALTER TABLE s.t ADD c int;\nSELECT 1");
  ASSERT_TRUE(r.ok()) << r.error->str();
  ASSERT_EQ(r.statements.size(), 8u);
  EXPECT_EQ(r.statements[0].head, (StatementHead{"CreateStmt", "s", "t"}));
  EXPECT_EQ(r.statements[1].head, (StatementHead{"CreateStmt", "", "u"}));
  EXPECT_EQ(r.statements[2].head, (StatementHead{"CreateTableAsStmt", "s", "m"}));
  EXPECT_EQ(r.statements[3].head, (StatementHead{"IndexStmt", "s", "t"}));
  EXPECT_EQ(r.statements[4].head, (StatementHead{"CommentStmt", "", ""}));
  EXPECT_EQ(r.statements[5].head, (StatementHead{"CreateEnumStmt", "", ""}));
  EXPECT_EQ(r.statements[6].head, (StatementHead{"AlterTableStmt", "", ""}));
  EXPECT_EQ(r.statements[7].head, (StatementHead{"SelectStmt", "", ""}));
}

// A script of many pieces whose semicolons are not all between statements:
// inside strings, quoted names, dollar quotes, comments, BEGIN ATOMIC bodies
// and rule action lists. Every statement must come out as split_script
// gives it, judged as the single-statement tests judge it.
std::string mixed_script(int blocks, bool atomic_bodies = true) {
  std::string out;
  for (int i = 0; i < blocks; ++i) {
    std::string n = std::to_string(i);
    out += "CREATE TABLE t" + n + " (id int, \"a;b\" text DEFAULT ';');\n";
    out += "-- a comment; with a semicolon\n/* and ; another */\n";
    out += "CREATE FUNCTION f" + n + "() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 2; END $$;\n";
    if (atomic_bodies)
      out += "CREATE FUNCTION g" + n + "(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a;\n  SELECT a + 1;\nEND;\n";
    out += "CREATE RULE r" + n + " AS ON INSERT TO t" + n + " DO ALSO (NOTIFY a; NOTIFY b);\n";
    out += "CREATE INDEX CONCURRENTLY i" + n + " ON t" + n + " (id);\n";
    out += "COMMENT ON TABLE t" + n + " IS 'x;y';;\n";
    if (i % 7 == 0) out += "VACUUM t" + n + ";\nBEGIN;\nCOMMIT;\n";
  }
  out += "SELECT 'the end' -- unterminated by a semicolon\n";
  return out;
}

TEST(AnalyzeScript, PiecesCutAtTheScannersSemicolonsGiveTheWholeParsesStatements) {
  for (auto [blocks, atomic_bodies] : {std::pair{1, true}, {40, true}, {2500, true}, {2500, false}}) {
    const std::string script = mixed_script(blocks, atomic_bodies);
    auto split = split_script(script);
    auto analyzed = analyze_script(script);
    ASSERT_TRUE(split.ok()) << split.error->str();
    ASSERT_TRUE(analyzed.ok()) << analyzed.error->str();
    ASSERT_EQ(analyzed.statements.size(), split.statements.size());
    for (std::size_t i = 0; i < split.statements.size(); ++i) {
      const ScriptStatement& a = analyzed.statements[i];
      const ScriptStatement& s = split.statements[i];
      ASSERT_EQ(a.text, s.text) << i;
      ASSERT_EQ(a.offset, s.offset) << i;
      ASSERT_EQ(a.line, s.line) << i;
      ASSERT_EQ(a.column, s.column) << i;
      if (i < 200 || i + 50 > split.statements.size()) {
        TransactionUse want = is_transaction_control(s.text)       ? TransactionUse::kControl
                              : cannot_run_in_transaction(s.text) ? TransactionUse::kOutsideOnly
                                                                   : TransactionUse::kAny;
        EXPECT_EQ(a.transaction, want) << s.text;
      }
    }
    // Only the tail has no semicolon, and every kind read from a tree.
    EXPECT_EQ(analyzed.statements.back().text, "SELECT 'the end' -- unterminated by a semicolon");
    EXPECT_EQ(analyzed.statements.back().head.kind, "SelectStmt");
    for (const auto& st : analyzed.statements) EXPECT_FALSE(st.head.kind.empty()) << st.text;
  }
}

TEST(AnalyzeScript, ASyntaxErrorDeepInALargeScriptIsWhereTheParserFindsIt) {
  std::string script = mixed_script(2500);
  const std::size_t at = script.size() / 2;
  const std::size_t line_start = script.find("\nCREATE TABLE", at) + 1;
  script.insert(line_start, "CREATE TABEL oops (id int);\n");
  auto split = split_script(script);
  auto analyzed = analyze_script(script);
  ASSERT_FALSE(split.ok());
  ASSERT_FALSE(analyzed.ok());
  EXPECT_EQ(*analyzed.error, *split.error);
  EXPECT_EQ(analyzed.error->offset, static_cast<int>(line_start) + 7);
}

TEST(FindComments, FindsCommentsOutsideQuotesOnly) {
  std::string text =
      "/* a /* nested */ b */ SELECT '-- no', \"/* no */\", $x$ -- no $x$, E'\\' -- no'; -- yes\n"
      "SELECT 1 -- ends at the carriage return\rSELECT 2;";
  auto comments = find_comments(text);
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0], (Comment{0, 22, false}));
  EXPECT_EQ(text.substr(comments[1].offset, comments[1].end - comments[1].offset), "-- yes");
  EXPECT_TRUE(comments[1].line);
  EXPECT_EQ(text.substr(comments[2].offset, comments[2].end - comments[2].offset),
            "-- ends at the carriage return");
  EXPECT_EQ(strip_comments(text),
            "  SELECT '-- no', \"/* no */\", $x$ -- no $x$, E'\\' -- no';  \n"
            "SELECT 1  \rSELECT 2;");
}

TEST(FindComments, TextTheScannerRefusesHasNone) {
  EXPECT_TRUE(find_comments("-- a\nSELECT 'never closed").empty());
  EXPECT_TRUE(find_comments("-- a\n/* never closed").empty());
  EXPECT_EQ(strip_comments("-- a\nSELECT 'x"), "-- a\nSELECT 'x");
}

TEST(FindComments, PositionsHoldPastTheFirstBytesOfALargeText) {
  std::string text;
  std::vector<int> starts;
  for (int i = 0; i < 20000; ++i) {
    text += "SELECT " + std::to_string(i) + ", 'x';";
    starts.push_back(static_cast<int>(text.size()));
    text += "-- c" + std::to_string(i) + "\n/* b */";
  }
  auto comments = find_comments(text);
  ASSERT_EQ(comments.size(), 40000u);
  for (int i = 0; i < 20000; ++i) {
    const Comment& line = comments[2 * i];
    EXPECT_EQ(line.offset, starts[i]);
    EXPECT_EQ(line.end, starts[i] + 4 + static_cast<int>(std::to_string(i).size()));
    EXPECT_TRUE(line.line);
    EXPECT_EQ(comments[2 * i + 1], (Comment{line.end + 1, line.end + 8, false}));
  }
}

TEST(FirstSqlOffset, SkipsLeadingBlanksAndCommentsAsTheScannerReadsThem) {
  EXPECT_EQ(first_sql_offset("  -- a\n/* b /* c */ */ SELECT 1"), 23u);
  // A line comment ends at a carriage return too.
  EXPECT_EQ(first_sql_offset("-- a\rSELECT 1"), 5u);
  EXPECT_EQ(first_sql_offset(" -- only\n/* comments */\n"), std::nullopt);
  // What the scanner refuses or cannot see counts as SQL, for the parser to report.
  EXPECT_EQ(first_sql_offset("  /* open"), 2u);
  EXPECT_EQ(first_sql_offset(std::string_view("-- a\n\0x", 7)), 5u);
}

}  // namespace
}  // namespace strata::sql
