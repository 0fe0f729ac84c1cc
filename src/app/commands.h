#pragma once

// The Strata commands as functions. Each takes the context (configuration,
// who, logger) and returns a result value; none prints. Errors are exceptions
// from core/error.h: LoadError for bad models, revision files or
// configuration; UsageError for a request that cannot be done; DatabaseError
// for the server (kUnreachable when it cannot be reached).
// Every command that changes a database writes an audit row.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "app/context.h"
#include "app/results.h"
#include "apply/applier.h"

namespace strata::app {

// Writes strata.yaml, schema/, migrations/, backups/ under the root (never
// overwriting), then creates the strata schema when the database is reachable.
InitResult init(const Context& ctx);

// Where the database stands against migrations/ and the models.
StatusResult status(const Context& ctx);

struct CreateOptions {
  std::string message;
  bool empty = false;    // a hand-written revision: a skeleton, no planning
  bool dry_run = false;  // plan and prove, write nothing
  bool keep_failed = false;  // a revision that fails its proof goes to migrations/.failed/
  bool from_head = false;    // plan from the applied revisions replayed on a shadow
  // Hazard kinds acknowledged: written as `-- strata:allow` lines. Without
  // them, a revision with a hazard of a kind hazards.acknowledge names is
  // refused (UsageError naming the --allow flag).
  std::vector<std::string> allow;
};
// Replays the applied revisions on a shadow database and warns about the
// differences from the live catalog (drift); plans the models against the
// database (or, with from_head, against the replayed chain); proves the
// revision (up, then down) on a shadow copy of the catalog (a rolled-back
// transaction on the target when no shadow can be had, with a warning);
// and writes it. Refuses (UsageError) while the database is behind head or
// an applied file was edited, and when the revision has a hazard that needs
// acknowledging and options.allow lacks it. A failed proof throws Error
// naming the step, the statement, its line and PostgreSQL's message, DETAIL
// and HINT, or the object that differs; nothing is written to migrations/.
CreateResult create(const Context& ctx, const CreateOptions& options);

struct ApplyOptions {
  std::string target;     // revision id or unique prefix; empty = head
  bool backup = false;    // pg_dump first
  bool sql_only = false;  // print the script; do not connect
  // --sql: the revision the database is at (the script starts after it;
  // empty or "base": from the first revision) and the last one to run
  // (empty: `target`, else head).
  std::string from;
  std::string to;
  // Also apply revisions that come before the database's revision in the
  // chain (a branch merged after the database moved on). Without it such a
  // revision makes apply refuse (Error, exit 1) naming them.
  bool out_of_order = false;
  // Called before each statement (see apply::Progress); optional.
  std::function<void(const apply::Progress&)> on_progress;
};
// Refuses (UsageError) during a fork, naming the branch the database lacks.
ApplyResult apply(const Context& ctx, const ApplyOptions& options);

// target: a revision id or unique prefix (the database ends at it), "-N"
// (N revisions back), or "base" (before the first). A revision to undo whose
// files changed since it was applied (checksum differs from
// strata.revisions) is refused (UsageError naming the files and both
// checksums), nothing run, unless `force`; then a warning is logged.
RollbackResult rollback(const Context& ctx, const std::string& target, bool force = false);

struct RollbackOptions {
  bool force = false;
  // List what would be undone, newest first, with each down file's
  // warnings (data loss); take no lock, change nothing.
  bool dry_run = false;
  // Print the script that would run (preview_rollback); change nothing.
  bool sql_only = false;
  // With sql_only: the database's revision, so no connection is needed
  // (empty: read it from the database).
  std::string from;
};
RollbackResult rollback(const Context& ctx, const std::string& target, const RollbackOptions& options);

// Resolves a fork: makes the first revision of one branch follow the head
// of the other (rewriting only its `-- strata:parent` line, under the
// migrations folder's write lock). `revision` names a revision of the branch
// to move; empty: the branch none of whose revisions the database has
// applied. Refuses (UsageError) to move a revision the database has applied,
// naming the database and what it would need.
RebaseResult rebase(const Context& ctx, const std::string& revision);

// The chain with applied marks. An unreachable database still lists files.
HistoryResult history(const Context& ctx);

// Everything CI wants to know, as problems (exit 1 when any).
CheckResult check(const Context& ctx);

// Offline: models, every revision file parsed, the chain. Throws LoadError
// with every problem when anything is invalid.
ValidateResult validate(const Context& ctx);

struct LintOptions {
  std::vector<std::string> files;  // empty: the up files of migrations/
};

// `strata lint`: the hazards of each file, judged against the project's
// hazards.acknowledge and each file's `-- strata:allow` lines. Throws
// LoadError (with positions) for files that cannot be read or parsed.
LintResult lint(const Context& ctx, const LintOptions& options);

// The plan from the database to the models; writes nothing.
DiffResult diff(const Context& ctx);

BackupResult backup(const Context& ctx);

// Replaces the managed schemas and `strata` with what the backup `file`
// holds (every user schema when `schemas:` is empty); other schemas are
// left alone. Requires `yes`; `verify` checks the dump against its sidecar
// and refuses a dump without one.
RestoreResult restore(const Context& ctx, const std::filesystem::path& file, bool yes, bool verify = true);

// Records the database as being at `revision` without running SQL.
StampResult stamp(const Context& ctx, const std::string& revision);

struct InspectOptions {
  std::optional<std::filesystem::path> out;  // a folder; "-" or empty = return the YAML
  bool split = false;                        // one file per table
};
InspectResult inspect(const Context& ctx, const InspectOptions& options);

LocalResult local_start(const Context& ctx);
LocalResult local_stop(const Context& ctx);
LocalResult local_status(const Context& ctx);

}  // namespace strata::app
