// The online form of a plan (codegen/online.h), offline: which changes take
// it, how the files are cut into steps, quoting, and the header.
#include "codegen/online.h"

#include <gtest/gtest.h>

#include "codegen/render.h"
#include "diff/hazard.h"
#include "diff/inverse.h"
#include "revision/steps.h"
#include "sql/side_effects.h"

namespace strata::codegen {
namespace {

using namespace diff;

Plan plan_of(const std::vector<Change>& changes) {
  Plan p;
  for (const auto& c : changes) p.steps.push_back({c, inverse(c), hazards_of(c)});
  return p;
}

RenderOptions online() {
  RenderOptions o;
  o.online = true;
  return o;
}

model::Column column(const std::string& name, bool nullable) {
  model::Column c;
  c.name = name;
  c.type = "integer";
  c.nullable = nullable;
  return c;
}

const QualifiedName kTable{"My Schema", "Order"};

std::vector<revision::Step> steps_of(const std::string& body) {
  return revision::split_steps(body, revision::StepMode::kTransaction, "test.sql");
}

TEST(Online, AnIndexIsBuiltConcurrentlyInAStepOfItsOwnAfterItsLeftoverIsDropped) {
  model::Index ix;
  ix.name = "Order idx";
  ix.keys.push_back({});
  ix.keys.back().column = "select";
  Rendered r = render(plan_of({CreateIndex{kTable, ix}}), online());
  auto up = steps_of(r.up_body);
  ASSERT_EQ(up.size(), 1u) << r.up_body;
  EXPECT_EQ(up[0].mode, revision::StepMode::kNoTransaction);
  EXPECT_NE(up[0].sql.find("DROP INDEX CONCURRENTLY IF EXISTS \"My Schema\".\"Order idx\";\n"
                           "CREATE INDEX CONCURRENTLY \"Order idx\" ON \"My Schema\".\"Order\" USING btree "
                           "(\"select\");\n"),
            std::string::npos)
      << r.up_body;
  auto down = steps_of(r.down_body);
  ASSERT_EQ(down.size(), 1u) << r.down_body;
  EXPECT_EQ(down[0].mode, revision::StepMode::kNoTransaction);
  EXPECT_NE(down[0].sql.find("DROP INDEX CONCURRENTLY IF EXISTS \"My Schema\".\"Order idx\";"), std::string::npos);
  // The blocking-build hazard is what the online form avoids.
  EXPECT_TRUE(r.hazard_lines.empty()) << r.hazard_lines.front();
  EXPECT_EQ(r.plan_line, "plan: online (up: 1 step, 1 outside a transaction; down: 1 step, 1 outside a transaction)");
  EXPECT_EQ(header_body(r).rfind("-- plan: online (up: 1 step", 0), 0u) << header_body(r);
  EXPECT_EQ(sql::generated_script_problem(r.up_body), std::nullopt);
  EXPECT_EQ(sql::generated_script_problem(r.down_body), std::nullopt);
}

TEST(Online, ConstraintsAreAddedNotValidThenValidatedEachInItsOwnStep) {
  model::CheckConstraint check{"Order_check", "\"select\" > 0", false, std::nullopt};
  model::ForeignKey fk;
  fk.name = "Order_fkey";
  fk.columns = {"select"};
  fk.ref_table = {"public", "other"};
  fk.ref_columns = {"id"};
  model::Column plain = column("plain", true);
  Rendered r = render(plan_of({AddColumn{kTable, plain}, AddConstraint{kTable, check}, AddConstraint{kTable, fk},
                               SetComment{CommentTarget::kTable, kTable, "", std::nullopt, "x"}}),
                      online());
  auto up = steps_of(r.up_body);
  ASSERT_EQ(up.size(), 4u) << r.up_body;
  // The plain change and both NOT VALID additions share the first step.
  EXPECT_NE(up[0].sql.find("ADD COLUMN plain integer"), std::string::npos) << up[0].sql;
  EXPECT_NE(up[0].sql.find("ADD CONSTRAINT \"Order_check\" CHECK (\"select\" > 0) NOT VALID;"), std::string::npos)
      << up[0].sql;
  EXPECT_NE(up[0].sql.find("REFERENCES public.other(id) NOT VALID;"), std::string::npos) << up[0].sql;
  EXPECT_EQ(up[1].sql.find("VALIDATE CONSTRAINT \"Order_check\";") != std::string::npos, true) << up[1].sql;
  EXPECT_EQ(up[2].sql.find("VALIDATE CONSTRAINT \"Order_fkey\";") != std::string::npos, true) << up[2].sql;
  // What follows the validations goes in a step after them.
  EXPECT_NE(up[3].sql.find("COMMENT ON TABLE"), std::string::npos) << up[3].sql;
  for (const auto& s : up) EXPECT_EQ(s.mode, revision::StepMode::kTransaction);
  for (const auto& line : r.hazard_lines) EXPECT_EQ(line.find("full scan under exclusive lock"), std::string::npos) << line;
  // Dropping them back is plain: the down file is the offline one.
  EXPECT_EQ(r.down_body, render(plan_of({AddColumn{kTable, plain}, AddConstraint{kTable, check},
                                         AddConstraint{kTable, fk},
                                         SetComment{CommentTarget::kTable, kTable, "", std::nullopt, "x"}}))
                             .down_body);
}

TEST(Online, SetNotNullGoesThroughAValidatedHelperCheck) {
  AlterColumn c{kTable, column("select", true), column("select", false), {}};
  c.delta.nullable = true;
  Rendered r = render(plan_of({c}), online());
  auto up = steps_of(r.up_body);
  ASSERT_EQ(up.size(), 3u) << r.up_body;
  std::string helper = "\"Order_select_strata_not_null\"";
  EXPECT_EQ(helper, "\"" + not_null_helper_name("Order", "select") + "\"");
  EXPECT_NE(up[0].sql.find("ADD CONSTRAINT " + helper + " CHECK (\"select\" IS NOT NULL) NOT VALID;"),
            std::string::npos)
      << up[0].sql;
  EXPECT_EQ(up[0].sql.find("SET NOT NULL"), std::string::npos) << up[0].sql;
  EXPECT_NE(up[1].sql.find("VALIDATE CONSTRAINT " + helper + ";"), std::string::npos) << up[1].sql;
  EXPECT_NE(up[2].sql.find("ALTER COLUMN \"select\" SET NOT NULL;\nALTER TABLE \"My Schema\".\"Order\" DROP "
                           "CONSTRAINT " + helper + ";"),
            std::string::npos)
      << up[2].sql;
  // A long name is cut to 63 bytes as PostgreSQL cuts it.
  EXPECT_LE(not_null_helper_name(std::string(60, 't'), std::string(60, 'c')).size(), 63u);
}

TEST(Online, ChangesOnATableCreatedInTheSameFileStayPlain) {
  model::Table t;
  t.name = kTable.name;
  t.columns = {column("select", true)};
  model::Index ix;
  ix.name = "late_idx";
  ix.keys.push_back({});
  ix.keys.back().column = "select";
  model::UniqueConstraint u{"Order_key", {"select"}, false, {}, std::nullopt};
  Plan p = plan_of({CreateTable{kTable, t}, CreateIndex{kTable, ix}, AddConstraint{kTable, u}});
  Rendered on = render(p, online()), off = render(p);
  EXPECT_EQ(on.up_body, off.up_body);
  EXPECT_EQ(on.hazard_lines, off.hazard_lines);
  // Down drops them with the table: no concurrent drop of an index whose
  // table goes in the same file.
  EXPECT_EQ(on.down_body, off.down_body);
  EXPECT_EQ(on.plan_line, "plan: online (up: 1 step; down: 1 step)");
  EXPECT_TRUE(off.plan_line.empty());
  EXPECT_EQ(header_body(off).find("plan:"), std::string::npos);
}

TEST(Online, AKeyTakesAConcurrentlyBuiltIndexAndAnExclusionStaysPlain) {
  model::UniqueConstraint u{"Order_key", {"select"}, true, {true, true}, std::nullopt};
  model::ExclusionConstraint x;
  x.name = "Order_excl";
  x.elements = {{"\"select\"", std::nullopt, "="}};
  Rendered r = render(plan_of({AddConstraint{kTable, u}, AddConstraint{kTable, x}}), online());
  auto up = steps_of(r.up_body);
  ASSERT_EQ(up.size(), 2u) << r.up_body;
  EXPECT_EQ(up[0].mode, revision::StepMode::kNoTransaction);
  EXPECT_NE(up[0].sql.find("CREATE UNIQUE INDEX CONCURRENTLY \"Order_key\" ON \"My Schema\".\"Order\" USING btree "
                           "(\"select\") NULLS NOT DISTINCT;"),
            std::string::npos)
      << up[0].sql;
  EXPECT_EQ(up[1].mode, revision::StepMode::kTransaction);
  EXPECT_NE(up[1].sql.find("ADD CONSTRAINT \"Order_key\" UNIQUE USING INDEX \"Order_key\" DEFERRABLE INITIALLY "
                           "DEFERRED;"),
            std::string::npos)
      << up[1].sql;
  EXPECT_NE(up[1].sql.find("ADD CONSTRAINT \"Order_excl\" EXCLUDE"), std::string::npos) << up[1].sql;
  bool exclusion_blocks = false;
  for (const auto& line : r.hazard_lines) exclusion_blocks = exclusion_blocks || line.find("Order_excl") != std::string::npos;
  EXPECT_TRUE(exclusion_blocks);
  // The same plan renders to the same bytes.
  EXPECT_EQ(render(plan_of({AddConstraint{kTable, u}, AddConstraint{kTable, x}}), online()), r);
}

}  // namespace
}  // namespace strata::codegen
