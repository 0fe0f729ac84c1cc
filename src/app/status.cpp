#include "app/commands.h"
#include "app/drift_report.h"
#include "app/project.h"
#include "codegen/render.h"
#include "core/error.h"
#include "revision/steps.h"
#include "sql/script.h"

namespace strata::app {

StatusResult status(const Context& ctx) {
  Project project(ctx);
  revision::Store store = project.open_store();
  auto conn = project.connect();
  DatabaseState s = read_state(project, *conn, store);

  StatusResult r;
  r.database = conn->endpoint().str();
  r.current = s.current.value_or("");
  r.head = s.head.value_or("");
  r.applied_count = static_cast<int>(s.applied.size());
  for (const auto& p : s.pending) r.pending.push_back(info_of(p, project));
  for (std::size_t i = 0; i < s.edited.size(); ++i) {
    RevisionInfo info;
    if (const auto* rev = store.find(s.edited[i])) info = info_of(*rev, project);
    info.id = s.edited[i];
    info.applied = true;
    info.edited = true;
    r.edited.push_back(info);
  }
  r.unknown = s.unknown;
  r.forks = s.forks;
  r.out_of_order = s.out_of_order;
  for (const auto& p : apply::read_progress(*conn)) {
    InterruptedRevision i;
    i.id = p.revision;
    i.down = p.down;
    i.step = p.steps_done + 1;
    i.statement = p.statements_done + 1;
    i.updated_at = p.updated_at;
    if (const auto* rev = store.find(p.revision)) {
      try {
        auto mode = rev->no_transaction ? revision::StepMode::kNoTransaction
                                        : revision::StepMode::kTransaction;
        auto steps = revision::split_steps(p.down ? rev->down_sql : rev->up_sql, mode, "");
        i.steps = static_cast<int>(steps.size());
        if (p.steps_done < i.steps) {
          const auto& step = steps[static_cast<std::size_t>(p.steps_done)];
          i.no_transaction = step.mode == revision::StepMode::kNoTransaction;
          sql::SplitResult split = sql::split_script(step.sql);
          if (split.ok()) i.statements = static_cast<int>(split.statements.size());
        }
      } catch (const LoadError&) {
        // A marker the file no longer reads: the counts stay unknown (0).
      }
    }
    r.interrupted.push_back(i);
  }

  try {
    model::SourceMap where;
    model::Schema desired = project.load_models(where);
    LivePlan live = plan_live(project, *conn, desired, where);
    r.drift = !live.plan.empty();
    r.drift_changes = codegen::render(live.plan).change_lines;
    r.drift_items = drift_items(live.plan);
    if (*r.drift && !s.pending.empty()) r.drift_note = "expected while revisions are pending";
  } catch (const LoadError& e) {
    r.drift_note = "the models do not load (run `strata validate`)";
  }
  return r;
}

HistoryResult history(const Context& ctx) {
  Project project(ctx);
  revision::Store store = project.open_store();
  HistoryResult r;
  std::vector<apply::AppliedRevision> applied;
  std::vector<std::string> edited;
  try {
    auto conn = project.connect();
    DatabaseState s = read_state(project, *conn, store);
    applied = s.applied;
    edited = s.edited;
    r.current = s.current.value_or("");
    r.forks = s.forks;
  } catch (const DatabaseError& e) {
    if (e.kind() != DatabaseError::Kind::kUnreachable) throw;
    r.database_reachable = false;
    r.database_note = e.what();
    r.forks = fork_infos(store, nullptr, "");
  }
  std::map<std::string, const apply::AppliedRevision*> by_id;
  for (const auto& a : applied) by_id[a.revision] = &a;
  for (const auto& rev : store.revisions()) {
    RevisionInfo info = info_of(rev, project);
    if (auto it = by_id.find(rev.id); it != by_id.end()) {
      info.applied = true;
      info.applied_at = it->second->applied_at;
      info.applied_by = it->second->applied_by;
      info.duration_ms = it->second->duration_ms;
      info.edited = std::find(edited.begin(), edited.end(), rev.id) != edited.end();
      by_id.erase(it);
    }
    r.revisions.push_back(info);
  }
  for (const auto& [id, a] : by_id) {  // applied, but the file is gone
    RevisionInfo info;
    info.id = id;
    info.parent = a->parent.value_or("");
    info.message = a->message;
    info.applied = true;
    info.applied_at = a->applied_at;
    info.applied_by = a->applied_by;
    info.duration_ms = a->duration_ms;
    info.missing_file = true;
    r.revisions.push_back(info);
  }
  std::stable_sort(r.revisions.begin(), r.revisions.end(),
                   [](const RevisionInfo& a, const RevisionInfo& b) { return a.id < b.id; });
  return r;
}

}  // namespace strata::app
