#include "apply/applier.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "apply/lock_holder.h"
#include "apply/precheck_runner.h"
#include "apply/soci_errors.h"
#include "apply/step_runner.h"
#include "apply/timeouts.h"

namespace strata::apply {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

Applier::Applier(db::Connection& conn, Options options)
    : conn_(conn), options_(std::move(options)) {
  if (!options_.logger) options_.logger = spdlog::default_logger();
  const std::string key = std::to_string(kAdvisoryLockKey);
  auto start = Clock::now();
  if (options_.lock_wait.count() < 0) {
    log().debug("waiting for the strata advisory lock");
    conn_.execute("SELECT pg_advisory_lock(" + key + ")");
  } else {
    auto delay = std::chrono::milliseconds(20);
    bool said = false;
    while (conn_.query_value("SELECT pg_try_advisory_lock(" + key + ")::text") != "true") {
      auto waited = Clock::now() - start;
      if (waited >= options_.lock_wait) {
        auto holder = find_lock_holder(conn_);
        throw DatabaseError(
            DatabaseError::Kind::kOther,
            "another strata process is applying revisions to " + conn_.endpoint().str() +
                " (advisory lock " + key + " is held" + (holder ? " by " + holder->str() : "") +
                "); gave up after " +
                std::to_string(ms_since(start)) +
                " ms; try again later or wait longer with --lock-wait",
            "55P03");
      }
      if (!said) log().info("waiting for another strata process to finish");
      said = true;
      std::this_thread::sleep_for(
          std::min<Clock::duration>(delay, options_.lock_wait - waited));
      delay = std::min(delay * 2, std::chrono::milliseconds(500));
    }
  }
  locked_ = true;
  // Others waiting for the lock can see who holds it (pg_stat_activity).
  try {
    std::string name = applier_application_name(options_.applied_by);
    conn_.session() << "SELECT set_config('application_name', :n, false)", soci::use(name);
  } catch (const std::exception&) {
  }
  if (ms_since(start) > 100) log().info("got the lock after {} ms", ms_since(start));
  try {
    ensure_strata_schema(conn_);
  } catch (...) {
    release();
    throw;
  }
}

void Applier::release() {
  if (!locked_) return;
  locked_ = false;
  try {
    conn_.query_value("SELECT pg_advisory_unlock(" + std::to_string(kAdvisoryLockKey) + ")::text");
  } catch (...) {
    // The lock goes with the session anyway.
  }
}

Applier::~Applier() { release(); }

spdlog::logger& Applier::log() { return *options_.logger; }

std::vector<AppliedRevision> Applier::state() { return read_applied(conn_); }

std::optional<std::string> Applier::current() { return current_revision(state()); }

void Applier::report(int statement, int statements, const std::string& text) {
  if (!options_.on_progress || progress_.revisions == 0) return;
  progress_.statement = statement;
  progress_.statements = statements;
  progress_.text = text;
  options_.on_progress(progress_);
}

ApplyResult Applier::apply(const std::vector<revision::Revision>& pending,
                           const std::function<void(const ApplyResult::Step&)>& on_step,
                           bool out_of_order) {
  ApplyResult result;
  auto rows = state();
  std::map<std::string, const AppliedRevision*> applied;
  for (const auto& a : rows) applied.emplace(a.revision, &a);
  std::set<std::string> applied_ids;
  for (const auto& a : rows) applied_ids.insert(a.revision);
  std::optional<std::string> current = current_revision(rows);
  int index = 0;
  for (const auto& r : pending) {
    ++index;
    if (auto it = applied.find(r.id); it != applied.end()) {
      if (it->second && !revision::matches_recorded(r, it->second->checksum, it->second->parent))
        log().warn("{} is applied, but its files changed since (checksum differs)", r.id);
      log().info("{} already applied, skipping", r.id);
      result.skipped.push_back(r.id);
      continue;
    }
    bool follows = out_of_order ? (!r.parent || applied_ids.count(*r.parent) > 0) : r.parent == current;
    if (!follows)
      throw UsageError("cannot apply " + r.id + " (" + r.message + "): it follows " +
                       r.parent.value_or("no revision") +
                       (out_of_order ? ", which is not applied"
                                     : " but the database is at " + current.value_or("no revision")));
    ApplyResult::Step step{r.id, 0};
    run_prechecks_of(r);
    log().info("applying {} {}", r.id, r.message);
    progress_ = Progress{r.id, index, static_cast<int>(pending.size()), 0, 0, {}};
    try {
      run_revision(r, false, step);
    } catch (...) {
      progress_ = {};
      throw;
    }
    progress_ = {};
    log().info("applied {} in {} ms", r.id, step.duration_ms);
    applied.emplace(r.id, nullptr);
    applied_ids.insert(r.id);
    current = r.id;
    result.applied.push_back(step);
    if (on_step) on_step(step);
  }
  result.lock_timeouts = lock_timeouts_;
  return result;
}

void Applier::run_prechecks_of(const revision::Revision& r) {
  if (r.prechecks.empty()) return;
  auto outcomes = run_prechecks(conn_, r.prechecks, options_.lock_timeout, options_.statement_timeout);
  std::vector<PrecheckOutcome> failed;
  for (const auto& o : outcomes) {
    if (!o.ran)
      log().warn("{}: not checked before applying: {}", r.id, o.check.description);
    else if (o.failed())
      failed.push_back(o);
    else
      log().debug("{}: pre-check passed: {}", r.id, o.check.description);
  }
  if (failed.empty()) return;
  std::string msg = "revision " + r.id + " (" + r.message + ") would fail on existing rows; its pre-checks found:";
  for (const auto& o : failed) msg += "\n  " + o.check.kind + ": " + o.check.description + ": " + describe_rows(o);
  msg += "\nnothing was run; fix those rows (or the revision) and apply again";
  throw PrecheckFailed(r.id, msg, failed);
}

void Applier::run_revision(const revision::Revision& r, bool down, ApplyResult::Step& step) {
  StepRunner runner(conn_, options_, log(),
                    [this](int statement, int statements, const std::string& text) {
                      report(statement, statements, text);
                    });
  try {
    step.duration_ms = runner.run(r, down);
  } catch (...) {
    lock_timeouts_.insert(lock_timeouts_.end(), runner.lock_timeouts().begin(),
                          runner.lock_timeouts().end());
    log().error("{} of {} failed{}", down ? "rollback" : "apply", r.id,
                r.no_transaction ? "" : "; its failing step was rolled back");
    throw;
  }
  lock_timeouts_.insert(lock_timeouts_.end(), runner.lock_timeouts().begin(),
                        runner.lock_timeouts().end());
}

std::vector<ApplyResult::Step> Applier::rollback(const std::vector<revision::Revision>& to_undo) {
  std::vector<ApplyResult::Step> out;
  std::optional<std::string> current = current_revision(state());
  for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it) {
    const auto& r = *it;
    if (current != r.id)
      throw UsageError("cannot roll back " + r.id + " (" + r.message +
                       "): the database is at " + current.value_or("no revision"));
    ApplyResult::Step step{r.id, 0};
    log().info("rolling back {} {}", r.id, r.message);
    run_revision(r, true, step);
    log().info("rolled back {} in {} ms", r.id, step.duration_ms);
    current = r.parent;
    out.push_back(step);
  }
  return out;
}

void Applier::stamp(const std::vector<revision::Revision>& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    std::optional<std::string> want = i == 0 ? std::nullopt : std::optional(chain[i - 1].id);
    if (chain[i].parent != want)
      throw UsageError("cannot stamp: " + chain[i].id + " follows " +
                       chain[i].parent.value_or("no revision") + ", not " +
                       want.value_or("no revision") + " (give the chain from the first revision)");
  }
  std::set<std::string> have;
  for (const auto& a : state()) have.insert(a.revision);
  std::string ids = "{";
  for (const auto& r : chain) ids += (ids.size() > 1 ? "," : "") + r.id;
  ids += "}";
  std::string applied_by = options_.applied_by;
  conn_.execute("BEGIN");
  try {
    soci_call("stamping strata.revisions", [&] {
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revisions "
                         "WHERE NOT (revision = ANY (CAST(:ids AS text[])))",
          soci::use(ids);
      conn_.count_statement();
      conn_.session() << "DELETE FROM strata.revision_progress";
      for (const auto& r : chain) {
        if (have.count(r.id)) continue;
        std::string parent = r.parent.value_or("");
        soci::indicator parent_ind = r.parent ? soci::i_ok : soci::i_null;
        conn_.count_statement();
        conn_.session() << "INSERT INTO strata.revisions "
                           "(revision, parent, message, checksum, applied_by, duration_ms) "
                           "VALUES (:r, :p, :m, :c, :b, 0)",
            soci::use(r.id), soci::use(parent, parent_ind), soci::use(r.message),
            soci::use(r.checksum), soci::use(applied_by);
      }
    });
    conn_.execute("COMMIT");
  } catch (...) {
    rollback_quietly(conn_);
    throw;
  }
  log().info("stamped the database at {}", chain.empty() ? "no revision" : chain.back().id);
}

std::vector<std::string> Applier::record_chain(const std::vector<revision::Revision>& revisions) {
  std::map<std::string, const revision::Revision*> files;
  for (const auto& r : revisions) files.emplace(r.id, &r);
  struct Update {
    std::string id, parent, checksum;
    bool has_parent;
  };
  std::vector<Update> updates;
  for (const auto& a : state()) {
    auto it = files.find(a.revision);
    if (it == files.end()) continue;
    const auto& r = *it->second;
    if (a.parent == r.parent && a.checksum == r.checksum) continue;
    if (!revision::matches_recorded(r, a.checksum, a.parent)) continue;  // edited: reported, not hidden
    updates.push_back({r.id, r.parent.value_or(""), r.checksum, r.parent.has_value()});
  }
  if (updates.empty()) return {};
  std::vector<std::string> out;
  conn_.execute("BEGIN");
  try {
    soci_call("recording new parents in strata.revisions", [&] {
      for (auto& u : updates) {
        soci::indicator ind = u.has_parent ? soci::i_ok : soci::i_null;
        conn_.count_statement();
        conn_.session() << "UPDATE strata.revisions SET parent = :p, checksum = :c WHERE revision = :r",
            soci::use(u.parent, ind), soci::use(u.checksum), soci::use(u.id);
        out.push_back(u.id);
      }
    });
    conn_.execute("COMMIT");
  } catch (...) {
    rollback_quietly(conn_);
    throw;
  }
  for (const auto& u : updates)
    log().info("{}: recorded its parent {} (from its file)", u.id, u.has_parent ? u.parent : "none");
  return out;
}

void Applier::audit(const AuditEntry& entry) { write_audit(conn_, entry); }

}  // namespace strata::apply
