#include "app/revision_proof.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "model/yaml_loader.h"
#include "support/test_database.h"

namespace strata::app {
namespace {

const char* kModel = R"(tables:
  t:
    columns:
      id:   {type: integer, primary_key: true}
      note: text
)";

class RevisionProofTest : public ::testing::Test {
 protected:
  RevisionProofTest() : ctx_(Context::quiet(config())), project_(ctx_), conn_(db_.url()) {
    desired_ = model::load_string(kModel, "t.yaml");
    conn_.execute("BEGIN");
    start_ = project_.inspect(conn_, false).schema;
  }
  ~RevisionProofTest() override { conn_.execute("ROLLBACK"); }

  static Config config() {
    Config c;
    c.schemas = {"public"};
    return c;
  }

  std::vector<ProofStep> prove(const std::string& up, const std::string& down) {
    return prove_revision(project_, conn_, desired_, where_, start_,
                          ProofScripts{up, down, "r.up.sql", "r.down.sql"}, ProofSite::kRolledBack);
  }

  testing::TestDatabase db_;
  Context ctx_;
  Project project_;
  db::Connection conn_;
  model::Schema desired_;
  model::SourceMap where_;
  model::Schema start_;
};

TEST_F(RevisionProofTest, ACorrectRevisionPassesUpAndDown) {
  auto steps = prove("CREATE TABLE public.t (id integer PRIMARY KEY, note text);", "DROP TABLE public.t;");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].step, "up");
  EXPECT_EQ(steps[1].step, "down");
  for (const auto& s : steps) EXPECT_TRUE(s.ok) << s.step << ": " << s.detail;
}

TEST_F(RevisionProofTest, AnUpThatMissesAColumnFailsAtUpNamingIt) {
  auto steps = prove("CREATE TABLE public.t (id integer PRIMARY KEY);", "DROP TABLE public.t;");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_FALSE(steps[0].ok);
  EXPECT_NE(steps[0].detail.find("note"), std::string::npos) << steps[0].detail;
}

TEST_F(RevisionProofTest, ADownThatLeavesSomethingBehindFailsAtDownNamingIt) {
  auto steps = prove("CREATE TABLE public.t (id integer PRIMARY KEY, note text);",
                     "ALTER TABLE public.t DROP COLUMN note;");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_TRUE(steps[0].ok) << steps[0].detail;
  EXPECT_FALSE(steps[1].ok);
  EXPECT_NE(steps[1].detail.find("table public.t"), std::string::npos) << steps[1].detail;
}

TEST_F(RevisionProofTest, ADownThatChangesADefinitionPrintsBothOfThem) {
  conn_.execute("CREATE TABLE public.t (id integer PRIMARY KEY, note text)");
  start_ = project_.inspect(conn_, false).schema;
  desired_ = start_;
  // Up changes nothing (the models are the catalog); down changes a type.
  auto steps = prove("SELECT 1;", "ALTER TABLE public.t ALTER COLUMN note TYPE varchar(10);");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_TRUE(steps[0].ok) << steps[0].detail;
  EXPECT_FALSE(steps[1].ok);
  EXPECT_NE(steps[1].detail.find("first `note text`"), std::string::npos) << steps[1].detail;
  EXPECT_NE(steps[1].detail.find("second `note character varying(10)`"), std::string::npos) << steps[1].detail;
}

// What the dropped second up used to catch (a down that leaves behind an
// object the comparison does not cover) cannot reach the proof: only the
// statements codegen writes are run, and those create managed objects only.
TEST(CheckGeneratedScripts, RefusesObjectsTheCatalogComparisonDoesNotCover) {
  EXPECT_THROW(check_generated_scripts("CREATE TABLE public.t (id integer);\n"
                                       "CREATE OPERATOR public.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);\n",
                                       "DROP TABLE public.t;\n"),
               Error);
}

TEST_F(RevisionProofTest, AFailingStatementIsShownWithItsLineDetailAndHint) {
  conn_.execute("CREATE TABLE public.t (id integer PRIMARY KEY, note text); "
                "CREATE VIEW public.v AS SELECT note FROM public.t");
  start_ = project_.inspect(conn_, false).schema;
  auto steps = prove("-- strata:revision 1\n-- header\n\nALTER TABLE public.t DROP COLUMN note;\n",
                     "ALTER TABLE public.t ADD COLUMN note text;");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_FALSE(steps[0].ok);
  EXPECT_EQ(steps[0].line, 4);
  EXPECT_EQ(steps[0].statement, "ALTER TABLE public.t DROP COLUMN note");
  EXPECT_EQ(steps[0].sqlstate, "2BP01");
  const std::string& d = steps[0].detail;
  EXPECT_NE(d.find("r.up.sql line 4: cannot drop column note of table t"), std::string::npos) << d;
  EXPECT_NE(d.find("DETAIL: view v depends on column note of table t"), std::string::npos) << d;
  EXPECT_NE(d.find("HINT: Use DROP ... CASCADE"), std::string::npos) << d;
  EXPECT_NE(d.find("statement: ALTER TABLE public.t DROP COLUMN note"), std::string::npos) << d;
}

TEST_F(RevisionProofTest, FailingSqlIsReportedAsTheStepsFailure) {
  auto steps = prove("CREATE TABLE public.t (id integer PRIMARY KEY, note text); SELECT * FROM nowhere;",
                     "DROP TABLE public.t;");
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_FALSE(steps[0].ok);
  EXPECT_NE(steps[0].detail.find("nowhere"), std::string::npos) << steps[0].detail;
}

TEST_F(RevisionProofTest, VolatileFunctionsInChecksAndIndexesAreRefusedBeforeAnythingRuns) {
  model::Schema desired = model::load_string(R"y(tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      note: text
    checks:
      t_note_check: "length(note) < 10 AND random() < 2"
    indexes:
      t_lower_idx: {expressions: ["lower(note)"], where: "pg_catalog.clock_timestamp() > now()"}
)y",
                                             "t.yaml");
  try {
    prepare_proof(project_, conn_, desired);
    FAIL() << "volatile functions were accepted";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u) << e.what();
    EXPECT_NE(std::string(e.what()).find("check 't_note_check' of table public.t calls random(), which is volatile"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("index 't_lower_idx' of table public.t calls clock_timestamp()"),
              std::string::npos)
        << e.what();
  }
  // Immutable and stable functions pass; the transaction is still usable.
  EXPECT_NO_THROW(prepare_proof(project_, conn_, desired_));
  EXPECT_EQ(conn_.query_value("SELECT 1"), "1");
}

TEST(CheckGeneratedScripts, RefusesStatementsCodegenNeverWrites) {
  EXPECT_NO_THROW(check_generated_scripts("CREATE TABLE public.t (id integer);\n", "DROP TABLE public.t;\n"));
  EXPECT_THROW(check_generated_scripts("CREATE TABLE public.t (id integer);\nCOPY (SELECT 1) TO PROGRAM 'id';\n",
                                       "DROP TABLE public.t;\n"),
               Error);
  EXPECT_THROW(check_generated_scripts("CREATE TABLE public.t (id integer);\n",
                                       "DROP TABLE public.t;\nSELECT pg_sleep(100);\n"),
               Error);
}

}  // namespace
}  // namespace strata::app
