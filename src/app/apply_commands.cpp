#include <algorithm>
#include <set>

#include "app/commands.h"
#include "app/project.h"
#include "apply/backup.h"
#include "apply/sql_preview.h"
#include "core/error.h"

namespace strata::app {

namespace {

std::string message_of(const revision::Store& store, const std::string& id) {
  const auto* r = store.find(id);
  return r ? r->message : "";
}

// A fork or a broken chain. With `applied` (read from `database`) a fork's
// message names the branch the database lacks.
void refuse_forks(const revision::Store& store, const std::vector<apply::AppliedRevision>* applied = nullptr,
                  const std::string& database = {}) {
  auto problems = store.problems();
  if (problems.empty()) return;
  std::string msg = "the revision chain is not linear:";
  auto forks = fork_infos(store, applied, database);
  std::size_t fork_at = 0;
  for (const auto& p : problems) {
    if (p.kind == revision::ChainProblem::Kind::kFork && applied && fork_at < forks.size())
      msg += "\n  " + with_fork_advice(p.message, forks[fork_at++].advice);
    else
      msg += "\n  " + p.message;
  }
  throw UsageError(msg);
}

// The revision "base" or an id/prefix names; nullopt for base.
std::optional<std::string> resolve_or_base(const revision::Store& store, const std::string& spec) {
  if (spec.empty() || spec == "base") return std::nullopt;
  return store.resolve(spec).id;
}

// Where a rollback to `spec` ends, from the database's revision `current`.
std::optional<std::string> rollback_target(const Project& project, const revision::Store& store,
                                           const std::string& current, const std::string& spec) {
  if (spec == "base") return std::nullopt;
  if (!spec.empty() && spec[0] == '-') {
    int steps = 0;
    try {
      std::size_t used = 0;
      steps = std::stoi(spec.substr(1), &used);
      if (used != spec.size() - 1 || steps <= 0) throw std::invalid_argument("steps");
    } catch (const std::exception&) {
      throw UsageError("'" + spec + "' is not a step count like -1 or -3");
    }
    if (!store.find(current))
      throw UsageError("the database is at " + current + ", which has no file in " +
                       project.relative(project.config().migrations_dir));
    return store.step_back(current, steps);
  }
  std::string target = store.resolve(spec).id;
  if (target == current) throw UsageError("the database is already at " + current + "; nothing to roll back");
  return target;
}

// The down file's warning comments (`-- WARNING: data loss: ...`), as codegen
// writes them above each statement that loses data or blocks.
std::vector<std::string> down_hazards(const revision::Revision& r) {
  std::vector<std::string> out;
  std::size_t start = 0;
  const std::string& text = r.down_sql;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::size_t b = line.find_first_not_of(" \t");
    if (b != std::string::npos && line.compare(b, 2, "--") == 0) {
      std::size_t w = line.find_first_not_of(" \t", b + 2);
      if (w != std::string::npos && line.compare(w, 8, "WARNING:") == 0) {
        std::string what = line.substr(w + 8);
        std::size_t f = what.find_first_not_of(" \t");
        if (f != std::string::npos) out.push_back(what.substr(f, what.find_last_not_of(" \t\r") - f + 1));
      }
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// A down file edited after its revision was applied would undo something
// other than what was applied. The recorded checksum covers both files.
void refuse_edited_down_files(const Project& project, const std::vector<revision::Revision>& to_undo,
                              const std::vector<apply::AppliedRevision>& applied, bool force) {
  std::string list;
  for (const auto& r : to_undo) {
    auto a = std::find_if(applied.begin(), applied.end(), [&](const auto& x) { return x.revision == r.id; });
    if (a == applied.end() || revision::matches_recorded(r, a->checksum, a->parent)) continue;
    std::string line = project.relative(r.down_path) + " (revision " + r.id + "): sha256 of " +
                       project.relative(r.up_path) + " + its down file was " + a->checksum + " when applied, is " +
                       r.checksum + " now";
    if (force)
      project.log().warn("--force: running an edited down file: {}", line);
    else
      list += "\n  " + line;
  }
  if (!list.empty())
    throw UsageError("refusing to roll back: files changed since they were applied, so the down file "
                     "may not undo what ran:" + list +
                     "\nrestore the files as applied (e.g. from version control), or pass --force to run the "
                     "down files as they are now; nothing was rolled back");
}

}  // namespace

ApplyResult apply(const Context& ctx, const ApplyOptions& options) {
  Project project(ctx);
  revision::Store store = project.open_store();
  ApplyResult result;
  if (!options.sql_only && (!options.from.empty() || !options.to.empty()))
    throw UsageError("--from and --to go with --sql (the script for a database Strata does not run on)");

  if (options.sql_only) {
    refuse_forks(store);
    if (!options.target.empty() && !options.to.empty() &&
        store.resolve(options.target).id != store.resolve(options.to).id)
      throw UsageError("give the last revision once: TARGET " + options.target + " and --to " + options.to +
                       " differ");
    std::string to_spec = !options.to.empty() ? options.to : options.target;
    std::optional<std::string> to = to_spec.empty() ? store.head() : std::optional(store.resolve(to_spec).id);
    std::optional<std::string> from = resolve_or_base(store, options.from);
    result.sql_only = true;
    result.from = from.value_or("");
    result.to = to.value_or(result.from);
    std::vector<revision::Revision> pending;
    if (to) pending = store.between(from, *to);
    else if (from) throw UsageError("no revisions in " + project.relative(ctx.config.migrations_dir));
    result.sql = apply::preview_apply(pending, project.applier_options());
    return result;
  }

  auto problems = store.problems();
  // A broken chain needs no database to be refused; a fork's advice does.
  for (const auto& p : problems)
    if (p.kind != revision::ChainProblem::Kind::kFork) refuse_forks(store);
  auto conn = project.connect();
  if (!problems.empty()) {
    auto applied = apply::read_applied(*conn);
    refuse_forks(store, &applied, conn->endpoint().str());
  }
  std::optional<std::string> head = store.head();
  if (!head && !options.target.empty())
    throw UsageError("no revisions in " + project.relative(ctx.config.migrations_dir));
  std::string target = options.target.empty() ? head.value_or("") : store.resolve(options.target).id;

  AuditScope audit(project, "apply", target);
  try {
    if (options.backup) {
      auto current = apply::current_revision(apply::read_applied(*conn));
      for (const auto& f : apply::sweep_stale_temps(ctx.config.backups_dir))
        ctx.log->info("removed {}, left by an interrupted backup", project.relative(f));
      auto info = apply::backup(project.database_url(), ctx.config.backups_dir, current, project.tool_options());
      result.backup_file = project.relative(info.file);
      ctx.log->info("backup written: {}", result.backup_file);
      apply::prune_backups(ctx.config.backups_dir, ctx.config.backups_keep);
    }
    apply::Options applier_options = project.applier_options();
    applier_options.on_progress = options.on_progress;
    apply::Applier applier(*conn, applier_options);
    // A rebased file's new parent, recorded before the chain is compared.
    result.recorded_parents = applier.record_chain(store.revisions());
    auto rows = applier.state();
    DatabaseState s = read_state(project, *conn, store, &rows);
    result.from = s.current.value_or("");
    for (std::size_t i = 0; i < s.edited.size(); ++i) ctx.log->warn("{}", s.edited_messages[i]);

    std::vector<revision::Revision> pending;
    if (!target.empty()) {
      if (s.current && *s.current != target) {
        // Past the target already? Then it is a rollback, not an apply.
        bool past = false;
        try {
          past = !store.between(target, *s.current).empty();
        } catch (const UsageError&) {
        }
        if (past)
          throw UsageError("the database is at " + *s.current + ", past " + target +
                           "; use `strata rollback " + target + "` to go back");
      }
      std::set<std::string> have;
      for (const auto& a : rows) have.insert(a.revision);
      for (const auto& r : store.between(std::nullopt, target))
        if (!have.count(r.id)) pending.push_back(r);
    }
    std::vector<std::string> early;
    for (const auto& r : pending)
      if (std::find(s.out_of_order.begin(), s.out_of_order.end(), r.id) != s.out_of_order.end()) early.push_back(r.id);
    if (!early.empty() && !options.out_of_order) {
      std::string list;
      for (const auto& id : early) {
        const auto* r = store.find(id);
        list += "\n  " + id + "  " + r->message + " (" + project.relative(r->up_path) + ")";
      }
      throw Error("refusing to apply: " + std::to_string(early.size()) +
                  " revision(s) before the database's revision " + s.current.value_or("") +
                  " in the chain are not applied:" + list +
                  "\n(a branch merged or rebased after this database moved on). Apply them after the later ones "
                  "with `strata apply --out-of-order` (check that they do not depend on running first), or roll "
                  "this database back to before them and apply in order; nothing was applied");
    }
    result.out_of_order = early;
    auto done = applier.apply(
        pending,
        [&](const apply::ApplyResult::Step& step) {
          audit.touch(step.revision);
          ctx.log->debug("applied {} {} ({} ms)", step.revision, message_of(store, step.revision), step.duration_ms);
        },
        options.out_of_order);
    if (!early.empty()) {
      auto more = applier.record_chain(store.revisions());
      result.recorded_parents.insert(result.recorded_parents.end(), more.begin(), more.end());
    }
    for (const auto& step : done.applied)
      result.applied.push_back({step.revision, message_of(store, step.revision), step.duration_ms, {}});
    result.to = read_state(project, *conn, store, nullptr).current.value_or("");
    audit.set_target(result.to);
    audit.finish(conn.get(), true,
                 std::to_string(result.applied.size()) + " applied" +
                     (early.empty() ? "" : " (" + std::to_string(early.size()) + " out of order)") +
                     (result.from.empty() ? "" : ", from " + result.from));
  } catch (const std::exception& e) {
    audit.fail(conn.get(), e);
    throw;
  }
  return result;
}

RollbackResult rollback(const Context& ctx, const std::string& target_spec, bool force) {
  RollbackOptions options;
  options.force = force;
  return rollback(ctx, target_spec, options);
}

RollbackResult rollback(const Context& ctx, const std::string& target_spec, const RollbackOptions& options) {
  Project project(ctx);
  revision::Store store = project.open_store();
  RollbackResult result;
  if (!options.from.empty() && !options.sql_only)
    throw UsageError("--from goes with --sql (the database's revision, when Strata does not connect)");
  if (options.sql_only && options.dry_run) throw UsageError("give --sql or --dry-run, not both");

  if (options.sql_only || options.dry_run) {
    // Nothing changes: no lock, no audit row of a rollback.
    std::optional<std::string> current;
    std::unique_ptr<db::Connection> conn;
    if (!options.from.empty()) {
      current = resolve_or_base(store, options.from);
    } else {
      conn = project.connect();
      auto rows = apply::read_applied(*conn);
      current = read_state(project, *conn, store, &rows).current;
    }
    result.from = current.value_or("");
    if (!current) throw UsageError("nothing to roll back: no revision is applied");
    std::optional<std::string> target = rollback_target(project, store, *current, target_spec);
    auto to_undo = store.between(target, *current);
    result.to = target.value_or("");
    if (options.sql_only) {
      result.sql_only = true;
      result.sql = apply::preview_rollback(to_undo, project.applier_options());
    } else {
      result.dry_run = true;
      for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it)
        result.rolled_back.push_back({it->id, it->message, 0, down_hazards(*it)});
    }
    return result;
  }

  auto conn = project.connect();
  AuditScope audit(project, "rollback", target_spec);
  try {
    apply::Applier applier(*conn, project.applier_options());
    applier.record_chain(store.revisions());
    std::optional<std::string> current = applier.current();
    result.from = current.value_or("");
    if (!current) throw UsageError("nothing to roll back: no revision is applied");
    std::optional<std::string> target = rollback_target(project, store, *current, target_spec);
    auto to_undo = store.between(target, *current);
    refuse_edited_down_files(project, to_undo, applier.state(), options.force);
    auto steps = applier.rollback(to_undo);
    for (const auto& s : steps) {
      audit.touch(s.revision);
      result.rolled_back.push_back({s.revision, message_of(store, s.revision), s.duration_ms, {}});
      ctx.log->debug("rolled back {} ({} ms)", s.revision, s.duration_ms);
    }
    result.to = applier.current().value_or("");
    audit.set_target(result.to.empty() ? "base" : result.to);
    audit.finish(conn.get(), true, std::to_string(steps.size()) + " rolled back from " + result.from);
  } catch (const std::exception& e) {
    audit.fail(conn.get(), e);
    throw;
  }
  return result;
}

StampResult stamp(const Context& ctx, const std::string& revision_spec) {
  Project project(ctx);
  revision::Store store = project.open_store();
  std::vector<revision::Revision> chain;
  std::string target;
  if (revision_spec != "base") {
    target = store.resolve(revision_spec).id;
    chain = store.between(std::nullopt, target);
  }
  auto conn = project.connect();
  AuditScope audit(project, "stamp", target.empty() ? "base" : target);
  StampResult result;
  try {
    apply::Applier applier(*conn, project.applier_options());
    result.from = applier.current().value_or("");
    applier.stamp(chain);
    if (!target.empty()) audit.touch(target);
    result.to = applier.current().value_or("");
    audit.finish(conn.get(), true, "was " + (result.from.empty() ? std::string("base") : result.from));
  } catch (const std::exception& e) {
    audit.finish(conn.get(), false, e.what());
    throw;
  }
  return result;
}

}  // namespace strata::app
