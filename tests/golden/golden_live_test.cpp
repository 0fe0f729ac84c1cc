// Every golden case on a live server, one database per case:
//   apply current -> a new diff is empty; the pre-checks run (and find no row);
//   apply up.sql   -> the catalog has the shape of desired and a new diff is empty;
//   apply down.sql -> the catalog has the shape of current and a new diff is empty.
// The files run step by step in their steps' modes, as the applier and the
// proof run them (shadow::run_steps). An online case (options.yaml) also
// checks that its up gives exactly the catalog the offline plan's up gives
// (every constraint validated, every index valid), and that down brings back
// exactly the first catalog.
// The roles a case's models name (its `roles` file) exist for the case only.
#include <gtest/gtest.h>

#include "apply/precheck_runner.h"
#include "codegen/render.h"
#include "db/connection.h"
#include "diff/plan.h"
#include "golden/golden_case.h"
#include "golden/schema_shape.h"
#include "introspect/inspector.h"
#include "introspect/server_oracle.h"
#include "model/hints.h"
#include "precheck/precheck.h"
#include "shadow/script_runner.h"
#include "support/test_database.h"
#include "support/test_roles.h"

namespace strata::golden {
namespace {

class GoldenLive : public ::testing::TestWithParam<GoldenCase> {};

model::Schema inspect(db::Connection& conn, const diff::Options& o) {
  introspect::Options io;
  io.manage_owners = o.manage_owners;
  io.manage_privileges = o.manage_privileges;
  return introspect::inspect(conn, io).schema;
}

// The plan from the catalog to `want`, rendered for a failure message.
std::string leftover(db::Connection& conn, const model::Schema& catalog, const model::Schema& want,
                     const diff::Options& o) {
  introspect::ServerOracle oracle(conn);
  diff::Plan p = diff::plan(catalog, want, o, &oracle);
  return p.empty() ? "" : codegen::render(p).up_body;
}

void run(db::Connection& conn, const std::string& what, const std::string& sql) {
  try {
    conn.execute(sql);
  } catch (const std::exception& e) {
    FAIL() << what << " failed: " << e.what() << "\n" << sql;
  }
}

// A revision file, step by step in its steps' modes.
void run_file(db::Connection& conn, const std::string& what, const std::string& sql) {
  try {
    if (auto failure = shadow::run_steps(conn, sql, what)) FAIL() << failure->str(what) << "\n" << sql;
  } catch (const std::exception& e) {
    FAIL() << what << " failed: " << e.what() << "\n" << sql;
  }
}

// What the catalog holds that the model cannot show; an online step left
// half done would leave a constraint not validated here.
std::map<std::string, std::vector<std::string>> unmanaged(db::Connection& conn) {
  return introspect::inspect(conn, {}).unmanaged;
}

// The catalog after the offline plan's up from current, on a database of its own.
model::Schema offline_up(const GoldenCase& c) {
  testing::TestDatabase db;
  db::Connection conn(db.url());
  std::string setup = codegen::render(diff::plan({}, c.current(), c.options())).up_body;
  if (!setup.empty()) conn.execute(setup);
  conn.execute(codegen::render(diff::plan(c.current(), c.desired(), c.options())).up_body);
  return inspect(conn, c.options());
}

TEST_P(GoldenLive, ApplyUpDownRoundTrip) {
  const GoldenCase& c = GetParam();
  model::Schema current = c.current();
  model::Schema desired = model::strip_hints(c.desired());
  testing::TestRoles roles(c.roles());
  testing::TestDatabase db;
  db::Connection conn(db.url());

  std::string setup = codegen::render(diff::plan({}, current, c.options())).up_body;
  if (!setup.empty()) {
    ASSERT_NO_FATAL_FAILURE(run(conn, "applying current", setup));
  }
  model::Schema at_current = inspect(conn, c.options());
  EXPECT_EQ(shape(diff::normalized(at_current, c.options())), shape(diff::normalized(current, c.options())));
  EXPECT_EQ(leftover(conn, at_current, current, c.options()), "") << "after applying current";

  // Every pre-check query of the case runs on the catalog before up; the
  // tables are empty, so none finds a row.
  auto checks = precheck::prechecks_for(diff::plan(current, c.desired(), c.options()), current, c.desired());
  try {
    for (const auto& o : apply::run_prechecks(conn, checks))
      EXPECT_FALSE(o.failed()) << o.check.description;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "a pre-check failed to run: " << e.what();
  }

  ASSERT_NO_FATAL_FAILURE(run_file(conn, c.name + "/up.sql", c.read("up.sql")));
  model::Schema at_desired = inspect(conn, c.options());
  if (c.online()) {
    model::Schema offline = offline_up(c);
    EXPECT_TRUE(at_desired == offline) << "the online up's catalog differs from the offline up's:\n"
                                       << leftover(conn, at_desired, offline, c.options());
    EXPECT_TRUE(unmanaged(conn).empty()) << "after the online up";
  }
  EXPECT_EQ(shape(diff::normalized(at_desired, c.options())), shape(diff::normalized(desired, c.options())));
  EXPECT_EQ(leftover(conn, at_desired, c.desired(), c.options()), "") << "after up.sql";

  ASSERT_NO_FATAL_FAILURE(run_file(conn, c.name + "/down.sql", c.read("down.sql")));
  model::Schema back = inspect(conn, c.options());
  if (c.online()) {
    // Exactly, not only in shape (an offline case may move a re-added
    // column to the end, which the proof also allows).
    EXPECT_TRUE(back == at_current) << "down must bring back exactly the first catalog:\n"
                                    << leftover(conn, back, at_current, c.options());
    EXPECT_TRUE(unmanaged(conn).empty()) << "after the online down";
  }
  EXPECT_EQ(shape(diff::normalized(back, c.options())), shape(diff::normalized(current, c.options())));
  EXPECT_EQ(leftover(conn, back, current, c.options()), "") << "after down.sql";
  EXPECT_EQ(leftover(conn, back, at_current, c.options()), "") << "down.sql must restore the first catalog";
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenLive, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) { return case_name(info.param); });

}  // namespace
}  // namespace strata::golden
