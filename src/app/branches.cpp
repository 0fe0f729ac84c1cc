// Forks in migrations/ (two branches merged) and `strata rebase`, which
// resolves one by moving the branch a database has not applied.

#include <algorithm>
#include <set>

#include "app/commands.h"
#include "app/project.h"
#include "core/error.h"
#include "sql/text.h"

namespace strata::app {

namespace {

ForkBranch branch_info(const revision::Branch& b, const std::set<std::string>& applied) {
  ForkBranch out;
  out.revisions = b.revisions;
  for (const auto& id : b.revisions)
    if (applied.count(id)) out.applied.push_back(id);
  return out;
}

// The branch other than `moved` that the moved one goes on top of: one the
// database has applied when there is one, else the oldest.
std::size_t onto_index(const std::vector<ForkBranch>& branches, std::size_t moved) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    if (i == moved) continue;
    if (!best || (!branches[i].applied.empty() && branches[*best].applied.empty())) best = i;
  }
  return *best;
}

std::string advice_for(const ForkInfo& f, bool known, const std::string& database) {
  if (!known)
    return "run `strata rebase` to move the branch the database has not applied onto the other's head "
           "(`strata rebase REVISION` names the branch to move)";
  std::vector<std::size_t> unapplied, applied;
  for (std::size_t i = 0; i < f.branches.size(); ++i)
    (f.branches[i].applied.empty() ? unapplied : applied).push_back(i);
  if (applied.empty()) {
    std::size_t moved = unapplied.back();  // the newest branch
    const auto& onto = f.branches[onto_index(f.branches, moved)];
    return "no branch is applied on " + database + ": `strata rebase` moves the newest (" +
           f.branches[moved].revisions.front() + ") onto " + onto.revisions.back();
  }
  if (unapplied.empty()) {
    std::string which;
    for (std::size_t i : applied)
      which += (which.empty() ? "" : "; ") + sql::join(f.branches[i].applied);
    return "every branch has revisions applied on " + database + " (" + which +
           "): roll one branch back there (`strata rollback " + f.parent.value_or("base") +
           "` undoes both), then `strata rebase` it and `strata apply`";
  }
  const auto& lacking = f.branches[unapplied.front()];
  const auto& onto = f.branches[onto_index(f.branches, unapplied.front())];
  std::string out = lacking.revisions.front() + (lacking.revisions.size() > 1 ? " (and what follows it)" : "") +
                    " is not applied on " + database + ", " + sql::join(onto.applied) +
                    " is: run `strata rebase " + lacking.revisions.front() + "` to move it onto " +
                    onto.revisions.back() + ", then `strata apply`";
  if (unapplied.size() > 1) out += " (one branch at a time)";
  return out;
}

}  // namespace

std::vector<ForkInfo> fork_infos(const revision::Store& store, const std::vector<apply::AppliedRevision>* applied,
                                 const std::string& database) {
  std::set<std::string> ids;
  if (applied)
    for (const auto& a : *applied) ids.insert(a.revision);
  std::vector<ForkInfo> out;
  for (const auto& f : revision::forks(store)) {
    ForkInfo info;
    info.parent = f.parent;
    for (const auto& b : f.branches) info.branches.push_back(branch_info(b, ids));
    info.advice = advice_for(info, applied != nullptr, database);
    out.push_back(std::move(info));
  }
  return out;
}

std::string with_fork_advice(const std::string& message, const std::string& advice) {
  std::size_t cut = message.find("; run `strata rebase`");
  return (cut == std::string::npos ? message : message.substr(0, cut)) + "; " + advice;
}

RebaseResult rebase(const Context& ctx, const std::string& revision_spec) {
  Project project(ctx);
  // Held from before the chain is read until the file is renamed into place.
  revision::WriteLock lock = project.lock_migrations();
  revision::Store store = project.open_store();
  auto forks = revision::forks(store);
  if (!revision_spec.empty()) store.resolve(revision_spec);  // unknown or ambiguous: say so first
  if (forks.empty())
    throw UsageError("the revisions in " + project.relative(ctx.config.migrations_dir) +
                     " form one line; there is no fork to rebase");
  auto conn = project.connect();
  auto applied = apply::read_applied(*conn);
  std::string database = conn->endpoint().str();
  std::set<std::string> applied_ids;
  for (const auto& a : applied) applied_ids.insert(a.revision);

  // The fork and the branch to move.
  const revision::Fork* fork = nullptr;
  std::size_t moved = 0;
  if (!revision_spec.empty()) {
    std::string id = store.resolve(revision_spec).id;
    for (const auto& f : forks)
      for (std::size_t i = 0; i < f.branches.size(); ++i) {
        const auto& revs = f.branches[i].revisions;
        if (std::find(revs.begin(), revs.end(), id) != revs.end() && !fork) {
          fork = &f;
          moved = i;
        }
      }
    if (!fork)
      throw UsageError("revision " + id + " is not on a branch of a fork; `strata status` lists the forks");
  } else {
    fork = &forks.front();
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < fork->branches.size(); ++i) {
      const auto& revs = fork->branches[i].revisions;
      bool any = std::any_of(revs.begin(), revs.end(), [&](const auto& id) { return applied_ids.count(id) > 0; });
      if (!any) pick = i;  // the last such: the newest unapplied branch
    }
    if (!pick) {
      ForkInfo info;
      for (const auto& b : fork->branches) info.branches.push_back(branch_info(b, applied_ids));
      info.parent = fork->parent;
      throw UsageError("cannot choose a branch to move: " + advice_for(info, true, database));
    }
    moved = *pick;
  }
  std::vector<ForkBranch> branches;
  for (const auto& b : fork->branches) branches.push_back(branch_info(b, applied_ids));
  const auto& move = fork->branches[moved];
  std::size_t onto_at = onto_index(branches, moved);
  const auto& onto = fork->branches[onto_at];
  if (!move.linear || !onto.linear)
    throw UsageError("a branch after " + fork->parent.value_or("the start") +
                     " forks again further down; resolve that fork first (`strata status` lists it)");

  if (!branches[moved].applied.empty()) {
    std::string msg = "refusing to move " + sql::join(branches[moved].applied) + ": " +
                      (branches[moved].applied.size() == 1 ? "it is" : "they are") + " applied on " + database +
                      ", so " + (branches[moved].applied.size() == 1 ? "its" : "their") +
                      " recorded place in the chain would no longer be true there.";
    if (branches[onto_at].applied.empty())
      msg += "\nmove the other branch instead, which " + database + " has not applied: `strata rebase " +
             onto.first() + "`";
    else
      msg += "\nto keep this order, " + database + " needs " + sql::join(branches[moved].applied) +
             " undone first: `strata rollback " + fork->parent.value_or("base") +
             "` there (it also undoes " + sql::join(branches[onto_at].applied) +
             "), then `strata rebase " + move.first() + "` and `strata apply`";
    msg += "\nnothing was changed";
    throw UsageError(msg);
  }

  RebaseResult r;
  r.moved = move.revisions;
  r.from = fork->parent;
  r.onto = onto.head();
  r.database = database;
  store.reparent(move.first(), r.onto);
  r.file = project.relative(store.find(move.first())->up_path);
  r.note = "a database that has " + r.onto + " but not " + move.first() + " gets " + sql::join(r.moved) +
           " with `strata apply`; one that already has " + sql::join(r.moved) + " but not " + sql::join(onto.revisions) +
           " needs `strata apply --out-of-order`";
  ctx.log->info("{} now follows {} (was {})", move.first(), r.onto, r.from.value_or("none"));
  return r;
}

}  // namespace strata::app
