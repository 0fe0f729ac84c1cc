#include <algorithm>
#include <sstream>

#include "app/commands.h"
#include "app/project.h"
#include "apply/backup.h"
#include "core/error.h"

namespace strata::app {

namespace {

std::string message_of(const revision::Store& store, const std::string& id) {
  const auto* r = store.find(id);
  return r ? r->message : "";
}

void refuse_forks(const revision::Store& store) {
  auto problems = store.problems();
  if (problems.empty()) return;
  std::string msg = "the revision chain is not linear:";
  for (const auto& p : problems) msg += "\n  " + p.message;
  throw UsageError(msg);
}

// The offline script for `apply --sql`: every revision from the first to the
// target, each in its own transaction as the applier runs it.
std::string offline_script(const std::vector<revision::Revision>& chain) {
  std::ostringstream out;
  out << "-- strata apply --sql: every revision from the first to the target, in order.\n"
      << "-- Strata also records each one in strata.revisions; this script does not.\n";
  for (const auto& r : chain) {
    out << "\n-- revision " << r.id << ": " << r.message << "\n";
    if (!r.no_transaction) out << "BEGIN;\n";
    out << r.up_sql;
    if (!r.up_sql.empty() && r.up_sql.back() != '\n') out << "\n";
    if (!r.no_transaction) out << "COMMIT;\n";
  }
  return out.str();
}

// A down file edited after its revision was applied would undo something
// other than what was applied. The recorded checksum covers both files.
void refuse_edited_down_files(const Project& project, const std::vector<revision::Revision>& to_undo,
                              const std::vector<apply::AppliedRevision>& applied, bool force) {
  std::string list;
  for (const auto& r : to_undo) {
    auto a = std::find_if(applied.begin(), applied.end(), [&](const auto& x) { return x.revision == r.id; });
    if (a == applied.end() || a->checksum == r.checksum) continue;
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
  refuse_forks(store);
  ApplyResult result;
  std::optional<std::string> head = store.head();
  if (!head) {
    if (!options.target.empty()) throw UsageError("no revisions in " + project.relative(ctx.config.migrations_dir));
  }
  std::string target = options.target.empty() ? head.value_or("") : store.resolve(options.target).id;

  if (options.sql_only) {
    result.sql_only = true;
    result.to = target;
    result.sql = target.empty() ? "-- no revisions\n" : offline_script(store.between(std::nullopt, target));
    return result;
  }

  auto conn = project.connect();
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
    DatabaseState s = read_state(project, *conn, store, nullptr);
    s.applied = applier.state();
    s.current = apply::current_revision(s.applied);
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
      pending = store.between(s.current, target);
    }
    auto done = applier.apply(pending, [&](const apply::ApplyResult::Step& step) {
      audit.touch(step.revision);
      ctx.log->debug("applied {} {} ({} ms)", step.revision, message_of(store, step.revision), step.duration_ms);
    });
    for (const auto& step : done.applied)
      result.applied.push_back({step.revision, message_of(store, step.revision), step.duration_ms});
    result.to = applier.current().value_or("");
    audit.set_target(result.to);
    audit.finish(conn.get(), true,
                 std::to_string(result.applied.size()) + " applied" +
                     (result.from.empty() ? "" : ", from " + result.from));
  } catch (const std::exception& e) {
    audit.fail(conn.get(), e);
    throw;
  }
  return result;
}

RollbackResult rollback(const Context& ctx, const std::string& target_spec, bool force) {
  Project project(ctx);
  revision::Store store = project.open_store();
  auto conn = project.connect();
  AuditScope audit(project, "rollback", target_spec);
  RollbackResult result;
  try {
    apply::Applier applier(*conn, project.applier_options());
    std::optional<std::string> current = applier.current();
    result.from = current.value_or("");
    if (!current) throw UsageError("nothing to roll back: no revision is applied");

    std::optional<std::string> target;
    if (target_spec == "base") {
      target = std::nullopt;
    } else if (!target_spec.empty() && target_spec[0] == '-') {
      int steps = 0;
      try {
        std::size_t used = 0;
        steps = std::stoi(target_spec.substr(1), &used);
        if (used != target_spec.size() - 1 || steps <= 0) throw std::invalid_argument("steps");
      } catch (const std::exception&) {
        throw UsageError("'" + target_spec + "' is not a step count like -1 or -3");
      }
      if (!store.find(*current))
        throw UsageError("the database is at " + *current + ", which has no file in " +
                         project.relative(ctx.config.migrations_dir));
      target = store.step_back(*current, steps);
    } else {
      target = store.resolve(target_spec).id;
      if (*target == *current) throw UsageError("the database is already at " + *current + "; nothing to roll back");
    }
    auto to_undo = store.between(target, *current);
    refuse_edited_down_files(project, to_undo, applier.state(), force);
    auto steps = applier.rollback(to_undo);
    for (const auto& s : steps) {
      audit.touch(s.revision);
      result.rolled_back.push_back({s.revision, message_of(store, s.revision), s.duration_ms});
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
