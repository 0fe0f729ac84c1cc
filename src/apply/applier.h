#pragma once

// Runs revisions against a database, one applier at a time.
//
// Constructing an Applier takes a session advisory lock (held until it is
// destroyed) and creates the strata schema if missing. Each revision runs in
// its own transaction together with its strata.revisions row:
//   BEGIN; SET LOCAL lock_timeout/statement_timeout; <statements>; INSERT row; COMMIT
// so a crash leaves the database at the old revision or the new one. A
// revision marked `-- strata:no-transaction` runs statement by statement in
// autocommit mode; strata.revision_progress records how many statements
// completed, so a rerun resumes after the last one that succeeded (make such
// statements safe to repeat, e.g. CREATE INDEX CONCURRENTLY IF NOT EXISTS,
// since a crash between a statement and its progress row repeats it).
//
// Errors: a failing statement rolls its revision back and throws
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

  // Writes an audit row (see write_audit). The Applier writes none itself:
  // the caller records each command once, with its outcome.
  void audit(const AuditEntry& entry);

 private:
  // Runs r's up (or down) script, the way its header asks; sets
  // step.duration_ms.
  void run_revision(const revision::Revision& r, bool down, ApplyResult::Step& step);
  // Throws PrecheckFailed when r's pre-checks find rows; logs the notes.
  void run_prechecks_of(const revision::Revision& r);
  void run_transactional(const revision::Revision& r, bool down, ApplyResult::Step& step);
  // Runs the statements one by one, resuming after those recorded in
  // strata.revision_progress; step.duration_ms is this run's time, also
  // stored in strata.revisions.
  void apply_no_transaction(const revision::Revision& r, bool down, ApplyResult::Step& step);
  void release();
  void set_local_timeouts();
  spdlog::logger& log();
  void report(int statement, int statements, const std::string& text);

  db::Connection& conn_;
  Options options_;
  bool locked_ = false;
  Progress progress_;  // of the revision apply() is running; revisions == 0 otherwise
};

}  // namespace strata::apply
