#include "app/revision_proof.h"

#include "app/schema_difference.h"
#include "codegen/render.h"
#include "core/error.h"

namespace strata::app {

namespace {


// Runs one step of the proof; a SQL error becomes the step's failure.
bool run_script(db::Connection& conn, const std::string& sql, ProofStep& step) {
  try {
    conn.execute(sql);
    return true;
  } catch (const DatabaseError& e) {
    if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
    step.ok = false;
    step.detail = std::string("the SQL failed: ") + e.what();
    return false;
  }
}

// After an up: the catalog must equal the models (as the differ sees it:
// nothing left to do, expressions confirmed by the server).
bool matches_models(const Project& project, db::Connection& conn, const model::Schema& desired,
                    ProofStep& step) {
  LivePlan live = plan_live(project, conn, desired, /*own_transaction=*/false);
  if (live.plan.empty()) return true;
  step.ok = false;
  step.detail = "the catalog does not match the models: " + codegen::describe(live.plan.steps.front().change) +
                " is still to do";
  return false;
}

// After a down: the catalog must be the starting catalog, up to the order of
// the columns (a re-added column goes last; first_difference ignores that).
bool matches_start(const Project& project, db::Connection& conn, const model::Schema& start, ProofStep& step) {
  auto now = project.inspect(conn, false);
  // An invalid index that up repaired comes back built: down cannot re-fail it.
  model::Schema expected = start;
  for (auto& [_, ns] : expected.namespaces)
    for (auto& [_, t] : ns.tables)
      for (auto& [_, ix] : t.indexes) ix.invalid = false;
  std::string diff = first_difference(expected, now.schema);
  if (diff.empty()) return true;
  step.ok = false;
  step.detail = "the catalog is not back where it started: " + diff +
                " (first = before the revision, second = after down)";
  return false;
}

}  // namespace

std::vector<ProofStep> prove_revision(const Project& project, db::Connection& conn, const model::Schema& desired,
                                      const model::Schema& start, const std::string& up_sql,
                                      const std::string& down_sql) {
  std::vector<ProofStep> steps;
  steps.reserve(3);  // the references below must stay valid
  auto step = [&](const std::string& name) -> ProofStep& {
    steps.push_back(ProofStep{name, true, ""});
    return steps.back();
  };
  ProofStep& up = step("up");
  if (!run_script(conn, up_sql, up) || !matches_models(project, conn, desired, up)) return steps;
  ProofStep& down = step("down");
  if (!run_script(conn, down_sql, down) || !matches_start(project, conn, start, down)) return steps;
  ProofStep& again = step("up again");
  if (!run_script(conn, up_sql, again) || !matches_models(project, conn, desired, again)) return steps;
  return steps;
}

}  // namespace strata::app
