#include <exception>

#include "app/commands.h"
#include "app/project.h"
#include "codegen/render.h"
#include "core/error.h"
#include "revision/validation_cache.h"

namespace strata::app {

namespace {

Problem from_diagnostic(const std::string& kind, const Diagnostic& d, const Project& project) {
  Problem p;
  p.kind = kind;
  p.message = d.message;
  if (!d.where.file.empty()) p.file = project.relative(d.where.file);
  p.line = d.where.line;
  p.column = d.where.column;
  return p;
}

std::string chain_file(const revision::Store& store, const revision::ChainProblem& c, const Project& project) {
  for (const auto& id : c.revisions)
    if (const auto* r = store.find(id)) return project.relative(r->up_path);
  return {};
}

// Models, revision files and the chain: everything that needs no database.
// Returns the store when the files could be read.
std::optional<model::Schema> offline_checks(const Project& project, std::vector<Problem>& problems,
                                            std::optional<revision::Store>& store) {
  std::optional<model::Schema> models;
  try {
    models = project.load_models();
  } catch (const LoadError& e) {
    for (const auto& d : e.diagnostics()) problems.push_back(from_diagnostic("model", d, project));
  }
  try {
    store.emplace(project.open_store());
  } catch (const LoadError& e) {
    for (const auto& d : e.diagnostics()) problems.push_back(from_diagnostic("revision", d, project));
  }
  if (store) {
    // Revision files rarely change: their findings are kept by digest.
    revision::ValidationCache cache(project.config().local_dir / "cache" / "revisions");
    for (const auto& r : store->revisions())
      for (const auto& d : cache.validate(r)) problems.push_back(from_diagnostic("revision", d, project));
    for (const auto& c : store->problems()) {
      Problem p;
      p.kind = "chain";
      p.message = c.message;
      p.file = chain_file(*store, c, project);
      problems.push_back(p);
    }
  }
  return models;
}

}  // namespace

ValidateResult validate(const Context& ctx) {
  Project project(ctx);
  std::vector<Problem> problems;
  std::optional<revision::Store> store;
  std::optional<model::Schema> models = offline_checks(project, problems, store);
  if (!problems.empty()) {
    std::vector<Diagnostic> ds;
    for (const auto& p : problems) {
      std::string file = p.file.empty() ? "" : p.file;
      ds.push_back({Location{file, p.line, p.column}, p.message});
    }
    throw LoadError(ds);
  }
  ValidateResult r;
  r.counts = count_objects(*models);
  r.summary = summary_line(*models);
  r.revisions = static_cast<int>(store->revisions().size());
  r.head = store->head().value_or("");
  return r;
}

CheckResult check(const Context& ctx) {
  Project project(ctx);
  CheckResult r;
  std::optional<revision::Store> store;
  // The files are checked while the catalog is read. The catalog is only
  // used when the database turns out to be at head; an error reading it
  // counts only then.
  std::unique_ptr<db::Connection> conn;
  std::optional<introspect::Inspection> inspection;
  std::exception_ptr inspection_error;
  std::optional<model::Schema> models = load_while_reading(
      [&] { return offline_checks(project, r.problems, store); },
      [&] {
        conn = project.connect();
        try {
          inspection = project.inspect(*conn, true);
        } catch (const DatabaseError& e) {
          if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
          inspection_error = std::current_exception();
        }
      });

  if (store) {
    bool linear = store->problems().empty();
    DatabaseState s;
    if (linear) {
      s = read_state(project, *conn, *store);
    } else {
      s.applied = apply::read_applied(*conn);
      s.current = apply::current_revision(s.applied);
    }
    for (std::size_t i = 0; i < s.edited.size(); ++i)
      r.problems.push_back({"edited", s.edited_messages[i], s.edited_files[i], 0});
    for (const auto& id : s.unknown)
      r.problems.push_back({"database",
                            "the database has revision " + id + " applied, but migrations/ has no file for it",
                            "", 0});
    if (!s.chain_note.empty()) r.problems.push_back({"database", s.chain_note, "", 0});
    if (!s.pending.empty()) {
      std::string ids;
      for (const auto& p : s.pending) ids += (ids.empty() ? "" : ", ") + p.id;
      r.problems.push_back({"pending",
                            "the database is behind head: " + std::to_string(s.pending.size()) +
                                " pending revision(s) (" + ids + "); run `strata apply`",
                            project.relative(s.pending.front().up_path), 0});
    }
    // Drift is only meaningful when the database is at head: otherwise the
    // pending revisions explain the difference.
    if (models && linear && s.pending.empty() && s.chain_note.empty() && s.unknown.empty()) {
      if (inspection_error) std::rethrow_exception(inspection_error);
      LivePlan live;
      live.inspection = std::move(*inspection);
      live.plan = plan_from(project, *conn, live.inspection, *models);
      auto rendered = codegen::render(live.plan);
      for (const auto& line : rendered.change_lines)
        r.problems.push_back({"drift",
                              "the database differs from the models: " + line +
                                  " (run `strata create` to write a revision for it)",
                              "", 0});
      for (const auto& [kind, n] : live.inspection.unmanaged)
        r.notes.push_back("not managed by Strata: " + count_of(n, kind));
    }
  }
  return r;
}

}  // namespace strata::app
