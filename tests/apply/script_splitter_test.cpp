#include "apply/script_splitter.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace strata::apply {
namespace {

// What the splitter hands over, one entry per call: "SQL: …", "COPY: …",
// "DATA: …", "END".
std::vector<std::string> split(const std::string& script, std::size_t chunk = 7) {
  std::vector<std::string> out;
  ScriptSplitter s({[&](const std::string& sql) { out.push_back("SQL: " + sql); },
                    [&](const std::string& sql) { out.push_back("COPY: " + sql); },
                    [&](std::string_view line) { out.push_back("DATA: " + std::string(line)); },
                    [&] { out.push_back("END"); }});
  for (std::size_t i = 0; i < script.size(); i += chunk) s.feed(std::string_view(script).substr(i, chunk));
  s.finish();
  return out;
}

TEST(ScriptSplitter, SplitsStatementsAndCopyData) {
  std::string script =
      "\\restrict abc123\n"
      "SET x = 1;\n"
      "-- comment; with COPY t FROM stdin;\n"
      "CREATE TABLE t (a text);\n"
      "COPY public.t (a) FROM stdin;\n"
      "it's; -- not SQL\n"
      "\\\\.\n"
      "\\.\n"
      "SELECT 1\n"
      "\\unrestrict abc123\n";
  for (std::size_t chunk : {1u, 3u, 7u, 1000u}) {
    std::vector<std::string> want = {"SQL: SET x = 1;",
                                     "SQL: \n-- comment; with COPY t FROM stdin;\nCREATE TABLE t (a text);",
                                     "COPY: \nCOPY public.t (a) FROM stdin;",
                                     "DATA: it's; -- not SQL\n",
                                     "DATA: \\\\.\n",
                                     "END",
                                     "SQL: SELECT 1\n"};
    EXPECT_EQ(split(script, chunk), want) << "chunk " << chunk;
  }
}

TEST(ScriptSplitter, QuotedTextNeverEndsAStatementOrStartsCopy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"COMMENT ON TABLE t IS 'a\nCOPY x FROM stdin;\n\\.\nb';", "standard string"},
      {"COMMENT ON TABLE t IS 'it''s; COPY x FROM stdin;';", "doubled quote"},
      {"SELECT E'\\'; COPY x FROM stdin;\n';", "escape string"},
      {"CREATE TABLE \"a;\nCOPY x FROM stdin;\" (x int);", "quoted identifier"},
      {"CREATE FUNCTION f() RETURNS int AS $body$\nCOPY x FROM stdin;\n$$ ; $body$ LANGUAGE sql;", "dollar quote"},
      {"SELECT 1 /* outer /* inner; */\nCOPY x FROM stdin;\n*/ ;", "nested comment"},
      {"COPY t (a) FROM 'data/stdin';", "COPY from a file is a statement"},
      {"COPY t (a) FROM \"stdin\";", "a quoted stdin is a name"},
  };
  for (const auto& [sql, what] : cases) {
    std::vector<std::string> want = {"SQL: " + sql};
    EXPECT_EQ(split(sql + "\n"), want) << what;
  }
}

TEST(ScriptSplitter, RefusesWhatItCannotRun) {
  EXPECT_THROW(split("SELECT 1;\n\\! rm -rf x\n"), Error);
  EXPECT_THROW(split("SELECT 'open\n"), Error);
  EXPECT_THROW(split("COPY t FROM stdin;\n1\n"), Error);
  EXPECT_THROW(split("SELECT $$ x\n"), Error);
  EXPECT_THROW(split("/* x\n"), Error);
  EXPECT_THROW(split("SELECT\n\\x;\n"), Error);
}

}  // namespace
}  // namespace strata::apply
