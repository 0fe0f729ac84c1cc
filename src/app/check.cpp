#include <algorithm>
#include <exception>

#include "app/commands.h"
#include "app/drift_report.h"
#include "app/project.h"
#include "app/release_memory.h"
#include "app/revision_lint.h"
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

// Where a chain problem is fixed: the `-- strata:parent` line of the up file
// whose parent the message says to change (for a fork, the newest of the
// revisions that share a parent; else the first one named).
Location chain_location(const revision::Store& store, const revision::ChainProblem& c, const Project& project) {
  std::vector<std::string> ids = c.revisions;
  if (c.kind == revision::ChainProblem::Kind::kFork) std::reverse(ids.begin(), ids.end());
  for (const auto& id : ids) {
    const auto* r = store.find(id);
    if (r == nullptr) continue;
    Location at{project.relative(r->up_path), 0, 0};
    int line = 1;
    for (std::size_t start = 0; start < r->up_sql.size(); ++line) {
      std::size_t end = r->up_sql.find('\n', start);
      std::string_view text(r->up_sql.data() + start, (end == std::string::npos ? r->up_sql.size() : end) - start);
      if (text.starts_with("-- strata:parent")) {
        at.line = line;
        at.column = 1;
        break;
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return at;
  }
  return {};
}

// Models, revision files, the chain and the hazards of the revisions:
// everything that needs no database. Returns the store when the files could
// be read.
std::optional<model::Schema> offline_checks(const Project& project, std::vector<Problem>& problems,
                                            std::optional<revision::Store>& store,
                                            std::vector<lint::Finding>& hazards, model::SourceMap& declared) {
  std::optional<model::Schema> models;
  try {
    models = project.load_models(declared);
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
    // Each up file is linted right after it is validated, so a file the
    // cache does not know is parsed once for both; its problems still come
    // after the validation's and the chain's.
    std::vector<lint::HazardKind> acknowledge = acknowledged_kinds(project.config());
    std::vector<Diagnostic> lint_problems;
    for (const auto& r : store->revisions()) {
      for (const auto& d : cache.validate(r)) problems.push_back(from_diagnostic("revision", d, project));
      lint_revision(project, cache, r, acknowledge, hazards, lint_problems);
    }
    for (const auto& c : store->problems()) {
      Problem p;
      p.kind = "chain";
      p.message = c.message;
      Location at = chain_location(*store, c, project);
      p.file = at.file;
      p.line = at.line;
      p.column = at.column;
      problems.push_back(p);
    }
    for (const auto& d : lint_problems) problems.push_back(from_diagnostic("revision", d, project));
  }
  return models;
}

}  // namespace

ValidateResult validate(const Context& ctx) {
  Project project(ctx);
  std::vector<Problem> problems;
  std::optional<revision::Store> store;
  std::vector<lint::Finding> hazards;
  model::SourceMap declared;
  std::optional<model::Schema> models = offline_checks(project, problems, store, hazards, declared);
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
  r.hazards = std::move(hazards);
  return r;
}

CheckResult check(const Context& ctx) {
  keep_large_blocks_mapped();
  Project project(ctx);
  CheckResult r;
  std::optional<revision::Store> store;
  // The files are checked while the catalog is read. An error reading the
  // catalog counts only when drift is looked for.
  std::vector<lint::Finding> hazards;
  model::SourceMap declared;
  std::unique_ptr<db::Connection> conn;
  std::optional<introspect::Inspection> inspection;
  std::exception_ptr inspection_error;
  std::optional<model::Schema> models = load_while_reading(
      [&] { return offline_checks(project, r.problems, store, hazards, declared); },
      [&] {
        conn = project.connect();
        try {
          inspection = project.inspect(*conn, true);
        } catch (const DatabaseError& e) {
          if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
          inspection_error = std::current_exception();
        }
      });
  release_freed_memory();
  for (auto& f : hazards) {
    if (!f.error) {
      r.hazards.push_back(std::move(f));
      continue;
    }
    r.problems.push_back({"hazard",
                          std::string(lint::kind_name(f.kind)) + ": " + f.message + " (not acknowledged: " +
                              acknowledge_hint(f.kind) + ")",
                          f.file, f.line, f.column});
  }

  if (store) {
    DatabaseState s = read_state(project, *conn, *store);
    // A fork's message names the branch this database lacks.
    std::size_t fork_at = 0;
    auto chain = store->problems();
    std::size_t chain_at = 0;
    for (auto& p : r.problems) {
      if (p.kind != "chain" || chain_at >= chain.size()) continue;
      if (chain[chain_at++].kind == revision::ChainProblem::Kind::kFork && fork_at < s.forks.size())
        p.message = with_fork_advice(p.message, s.forks[fork_at++].advice);
    }
    for (std::size_t i = 0; i < s.edited.size(); ++i)
      r.problems.push_back({"edited", s.edited_messages[i], s.edited_files[i], 1, 1});
    for (const auto& id : s.unknown)
      r.problems.push_back({"database",
                            "the database has revision " + id + " applied, but migrations/ has no file for it",
                            "", 0});
    // A broken chain is already a "chain" problem; the note would repeat it.
    bool broken = false;
    for (const auto& c : chain) broken = broken || c.kind != revision::ChainProblem::Kind::kFork;
    if (!s.chain_note.empty() && !broken) r.problems.push_back({"database", s.chain_note, "", 0});
    if (!s.pending.empty()) {
      std::string ids;
      for (const auto& p : s.pending) ids += (ids.empty() ? "" : ", ") + p.id;
      std::string how = s.forks.empty() ? "run `strata apply`" : "resolve the fork, then run `strata apply`";
      if (!s.out_of_order.empty()) {
        std::string early;
        for (const auto& id : s.out_of_order) early += (early.empty() ? "" : ", ") + id;
        how += "; " + early + " come" + (s.out_of_order.size() == 1 ? "s" : "") +
               " before the database's revision " + s.current.value_or("") +
               " in the chain: `strata apply --out-of-order` applies " +
               (s.out_of_order.size() == 1 ? "it" : "them");
      }
      r.problems.push_back({"pending",
                            "the database is behind head: " + std::to_string(s.pending.size()) +
                                " pending revision(s) (" + ids + "); " + how,
                            project.relative(s.pending.front().up_path), 1, 1});
    }
    // Drift: while revisions are pending it is expected, and the advice is
    // to apply them, never to write another revision for it.
    if (models && s.chain_note.empty() && s.unknown.empty()) {
      if (inspection_error) std::rethrow_exception(inspection_error);
      // Nothing below reads the revision files: their text (the whole
      // schema's up and down files after an initial revision) is freed
      // before planning, when the most is held.
      store.reset();
      // A role the models name that the server lacks is a model problem;
      // the drift is still reported.
      std::vector<Diagnostic> roles_missing;
      diff::Plan plan =
          plan_from(project, *conn, std::move(inspection->schema), std::move(*models), declared, &roles_missing);
      for (const auto& d : roles_missing) r.problems.push_back(from_diagnostic("model", d, project));
      for (auto& p : drift_problems(plan, declared, !s.pending.empty())) r.problems.push_back(std::move(p));
      r.unmanaged = std::move(inspection->unmanaged);
      for (const auto& line : unmanaged_lines(r.unmanaged)) r.notes.push_back("not managed by Strata: " + line);
    }
  }
  return r;
}

}  // namespace strata::app
