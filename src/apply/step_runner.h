#pragma once

// Running one revision file as its steps (revision/steps.h), each in its own
// mode, with progress recorded per step so a rerun resumes where the last
// run stopped, and with lock discipline: every statement runs under
// lock_timeout, and a lock timeout retries the step (a transaction step
// whole, a no-transaction statement alone) with backoff.
//
// Progress lives in strata.revision_progress: `steps_done` whole steps
// finished and `statements_done` statements of the next step (a
// no-transaction one) that ran. A file without markers is one step, so a
// `-- strata:no-transaction` revision records (0, statements done) as it
// always did. The strata.revisions row is written in the transaction of the
// last step (or, when that step runs outside a transaction, in a short
// transaction of its own right after it), which also deletes the progress row.
//
// A no-transaction statement may run twice (a crash between it and its
// progress row): write it to be safe to repeat. Before each
// CREATE INDEX CONCURRENTLY, an invalid index of that name (what a failed or
// killed build leaves) is dropped, so with IF NOT EXISTS such a statement is.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "apply/applier.h"
#include "revision/revision.h"
#include "revision/steps.h"
#include "sql/script.h"

namespace strata::apply {

// One step as the applier runs it: its statements, located in the file
// (offset into the whole file, 1-based line in the file).
struct RunStep {
  revision::StepMode mode = revision::StepMode::kTransaction;
  int line = 1;  // the step's marker line (or its first line of SQL)
  std::vector<sql::ScriptStatement> statements;
  // A transaction step that libpg_query does not parse (it may lag behind
  // the server's grammar) runs as one text, `sql`, starting at `offset`.
  bool whole = false;
  std::string sql;
  int offset = 0;
};

// The steps of `script` (a revision's up or down file) ready to run. Throws
// LoadError, before anything runs, on a bad step marker, transaction control
// in any step, a statement that cannot run in a transaction in a
// transaction step, and a no-transaction step that does not parse.
std::vector<RunStep> plan_steps(const std::string& script, revision::StepMode default_mode,
                                const std::filesystem::path& file);

// Where a revision stands: `steps_done` whole steps, then `statements_done`
// statements of the next step.
struct StepPosition {
  int steps_done = 0;
  int statements_done = 0;

  bool operator==(const StepPosition&) const = default;
};

// Where a run resumes, given the recorded progress: the same position, with
// a finished no-transaction step counted as a step. Throws LoadError naming
// `file` when the record does not fit the steps (more steps or statements
// than the file has, statements recorded inside a transaction step): the
// file changed since.
StepPosition resume_position(const std::vector<RunStep>& steps, StepPosition recorded,
                             const std::filesystem::path& file);

// The delay before retry `retry` (1-based) after a lock timeout: `base`
// doubled each retry, times `jitter` (0.75 .. 1.25 keeps retries of several
// appliers apart).
std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int retry, double jitter);

// Runs revision files as steps on one connection, under the applier's lock.
class StepRunner {
 public:
  // `report(statement, statements, text)` is called before each statement
  // (statement 0 of 0 for a step run whole). Requires: `conn`, `log`
  // outlive the runner; no open transaction.
  StepRunner(db::Connection& conn, const Options& options, spdlog::logger& log,
             std::function<void(int, int, const std::string&)> report);

  // Runs r's up (or down) file from where strata.revision_progress says,
  // and records it in strata.revisions (or deletes its row for a down) with
  // the last step. Returns this run's time in milliseconds (the time
  // recorded in strata.revisions.duration_ms). Throws
  // DatabaseError on a failing statement (located in its file; progress of
  // the steps done so far stays recorded), LoadError on a file that does not
  // fit its recorded progress.
  long long run(const revision::Revision& r, bool down);

  // Every lock timeout met so far, one line each (what, which attempt).
  const std::vector<std::string>& lock_timeouts() const { return lock_timeouts_; }

 private:
  struct Target;
  void run_transaction_step(const Target& t, std::size_t index, bool last);
  void run_no_transaction_step(const Target& t, std::size_t index, int from);
  // Before a CREATE INDEX CONCURRENTLY: drops an invalid index of that name
  // on that table's schema, the leftover of a failed or killed build (which
  // a rerun of the statement would trip over); a valid one is left alone.
  void drop_invalid_leftover(const std::string& statement);
  void record(const Target& t, StepPosition at);
  // Records the revision (or deletes its row) and ends its progress record,
  // inside the open transaction when `in_transaction`, else in one of its own.
  void finish(const Target& t, bool in_transaction);
  // Runs `attempt` until it does not end in a lock timeout, sleeping between
  // tries; after options.lock_retries retries rethrows, naming the lock.
  void with_lock_retries(const Target& t, std::size_t index, const std::string& statement,
                         const std::function<void()>& attempt);

  db::Connection& conn_;
  const Options& options_;
  spdlog::logger& log_;
  std::function<void(int, int, const std::string&)> report_;
  std::vector<std::string> lock_timeouts_;
  std::chrono::steady_clock::time_point start_;
  long long duration_ms_ = 0;  // of the run, as recorded in strata.revisions
};

}  // namespace strata::apply
