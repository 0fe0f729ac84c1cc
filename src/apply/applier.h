#pragma once

// Runs revisions against a database, one applier at a time.
//
// Constructing an Applier takes a session advisory lock (held until it is
// destroyed) and creates the strata schema if missing. A revision file runs
// as its steps (revision/steps.h; a file without step markers is one step):
// a transaction step as
//   BEGIN; SET LOCAL lock_timeout/statement_timeout; <statements>; COMMIT
// and a no-transaction step (or a `-- strata:no-transaction` file) statement
// by statement in autocommit mode with session timeouts. strata.revision_progress
// records the steps done (and the statements done of a no-transaction step),
// so a rerun resumes at the first unfinished step, after the last statement
// that succeeded (make no-transaction statements safe to repeat, e.g. DROP
// INDEX CONCURRENTLY IF EXISTS before CREATE INDEX CONCURRENTLY, since a crash
// between a statement and its progress row repeats it). The strata.revisions
// row is written with the last step, so a one-step revision leaves the
// database at the old revision or the new one. See step_runner.h.
//
// A lock timeout (SQLSTATE 55P03) retries the step (a transaction step
// whole, a no-transaction statement alone) up to Options::lock_retries times,
// backing off from Options::lock_retry_delay, each attempt logged.
//
// Errors: a failing statement rolls its step back and throws
// DatabaseError(kStatement) whose message reads
//   "<file>:<line>:<col>: <PostgreSQL's message>\n  in: <statement>"
// with sqlstate(), statement() and position() (1-based, within the
// statement) set. Revisions before it in the same call stay applied.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apply/applied_revision.h"
#include "apply/audit_entry.h"
#include "db/connection.h"
#include "revision/revision.h"

namespace spdlog {
class logger;
}

namespace strata::apply {

// The advisory lock key every Strata applier takes ("strata" in ASCII).
inline constexpr long long kAdvisoryLockKey = 0x737472617461LL;

// Where an apply is: revision k of n, statement i of m (m is 0 when the
// script is run whole), the statement's text. Reported before each statement.
struct Progress {
  std::string revision;
  int revision_index = 0;  // 1-based
  int revisions = 0;
  int statement = 0;  // 1-based
  int statements = 0;
  std::string text;
};

struct Options {
  // SET LOCAL lock_timeout for each revision; 0 = no limit.
  std::chrono::milliseconds lock_timeout{10000};
  // SET LOCAL statement_timeout for each revision; 0 = no limit.
  std::chrono::milliseconds statement_timeout{0};
  // Retries of a step (a transaction step whole, a no-transaction statement
  // alone) after a lock timeout; 0 = fail at the first.
  int lock_retries = 3;
  // The wait before the first retry, doubled before each next one, with
  // +-25% jitter.
  std::chrono::milliseconds lock_retry_delay{1000};
  // How long to wait for another applier's lock: 0 = fail at once,
  // negative = wait forever, else poll until this much time has passed.
  std::chrono::milliseconds lock_wait{-1};
  // Recorded in strata.revisions.applied_by.
  std::string applied_by;
  // Where progress is logged (info: each revision; debug: each statement).
  // nullptr: spdlog's default logger.
  std::shared_ptr<spdlog::logger> logger;
  // Called before each statement of apply() (optional; from the calling thread).
  std::function<void(const Progress&)> on_progress;
};

// What apply() did.
struct ApplyResult {
  struct Step {
    std::string revision;
    long long duration_ms = 0;
  };
  std::vector<Step> applied;         // in order
  std::vector<std::string> skipped;  // already applied (e.g. by a concurrent applier)
  // Each lock timeout met (retried or not), one line each.
  std::vector<std::string> lock_timeouts;
};

class Applier {
 public:
  // Takes the advisory lock, then creates the strata schema if missing.
  // Throws DatabaseError(kOther, sqlstate "55P03") when another applier
  // holds the lock past options.lock_wait; the message says so and how long
  // it waited. Requires: `conn` outlives the Applier; no open transaction.
  Applier(db::Connection& conn, Options options);
  // Releases the lock.
  ~Applier();
  Applier(const Applier&) = delete;
  Applier& operator=(const Applier&) = delete;

  // strata.revisions, oldest first (read under the lock, so it stays true
  // until this applier changes it). Compute the pending list from this.
  std::vector<AppliedRevision> state();
  std::optional<std::string> current();

  // Applies `pending` in order (oldest first, as Store::between returns).
  // A revision already in strata.revisions is skipped; every other must
  // have the database's current revision as its parent (UsageError
  // otherwise, before anything runs for it), or with `out_of_order` merely
  // a parent that is applied (a revision of a branch the database skipped,
  // applied after later ones). Right before a revision starts, its
  // pre-checks run in a READ ONLY transaction (precheck_runner.h); when one
  // finds rows, PrecheckFailed is thrown and the revision does not start
  // (those before it stay applied). `on_step` (optional) is called after
  // each revision commits.
  ApplyResult apply(const std::vector<revision::Revision>& pending,
                    const std::function<void(const ApplyResult::Step&)>& on_step = {},
                    bool out_of_order = false);

  // Brings the rows of applied revisions up to date with their files when
  // only the chain link changed (`strata rebase`, or a checksum recorded
  // before the parent line was left out of it): sets `parent` and
  // `checksum` to the files' in one transaction. A row whose files' SQL
  // changed (revision::matches_recorded false) is left alone. Returns the
  // ids updated.
  std::vector<std::string> record_chain(const std::vector<revision::Revision>& revisions);

  // Undoes `to_undo`, given oldest first (as Store::between(target, current)
  // returns): runs the down files newest first, each in one transaction with
  // the deletion of its row. Each must be the database's current revision
  // when its turn comes (UsageError otherwise). Returns the undone steps,
  // newest first.
  std::vector<ApplyResult::Step> rollback(const std::vector<revision::Revision>& to_undo);

  // Makes strata.revisions say the database is at the last revision of
  // `chain` (root first, as Store::between(nullopt, target) returns; empty =
  // no revision) without running any SQL: rows not in the chain are
  // deleted, missing ones inserted (duration 0), any no-transaction progress
  // cleared, in one transaction. Throws
  // UsageError if `chain` is not a parent-linked chain from the root.
  void stamp(const std::vector<revision::Revision>& chain);

  // Every lock timeout this applier met so far (retried or not), one line
  // each, also after apply() or rollback() threw: for the audit row.
  const std::vector<std::string>& lock_timeouts() const { return lock_timeouts_; }

  // Writes an audit row (see write_audit). The Applier writes none itself:
  // the caller records each command once, with its outcome.
  void audit(const AuditEntry& entry);

 private:
  // Runs r's up (or down) file as its steps; sets step.duration_ms.
  void run_revision(const revision::Revision& r, bool down, ApplyResult::Step& step);
  // Throws PrecheckFailed when r's pre-checks find rows; logs the notes.
  void run_prechecks_of(const revision::Revision& r);
  void release();
  spdlog::logger& log();
  void report(int statement, int statements, const std::string& text);

  db::Connection& conn_;
  Options options_;
  bool locked_ = false;
  Progress progress_;  // of the revision apply() is running; revisions == 0 otherwise
  std::vector<std::string> lock_timeouts_;  // met by run_revision so far
};

}  // namespace strata::apply
