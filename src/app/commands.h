#pragma once

// The Strata commands as functions. Each takes the context (configuration,
// who, logger) and returns a result value; none prints. Errors are exceptions
// from core/error.h: LoadError for bad models, revision files or
// configuration; UsageError for a request that cannot be done; DatabaseError
// for the server (kUnreachable when it cannot be reached).
// Every command that changes a database writes an audit row.

#include <filesystem>
#include <optional>
#include <string>

#include "app/context.h"
#include "app/results.h"

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
  // Hazard kinds acknowledged: written as `-- strata:allow` lines. Without
  // them, a revision with a hazard of a kind hazards.acknowledge names is
  // refused (UsageError naming the --allow flag).
  std::vector<std::string> allow;
};
// Plans the models against the database, proves the revision (up, down, up
// again inside BEGIN ... ROLLBACK), and writes it. Refuses (UsageError) while
// the database is behind head or an applied file was edited, and when the
// revision has a hazard that needs acknowledging and options.allow lacks it. A failed proof
// throws Error naming the step and the object; nothing is written.
CreateResult create(const Context& ctx, const CreateOptions& options);

struct ApplyOptions {
  std::string target;     // revision id or unique prefix; empty = head
  bool backup = false;    // pg_dump first
  bool sql_only = false;  // print the script; do not connect
};
ApplyResult apply(const Context& ctx, const ApplyOptions& options);

// target: a revision id or unique prefix (the database ends at it), "-N"
// (N revisions back), or "base" (before the first). A revision to undo whose
// files changed since it was applied (checksum differs from
// strata.revisions) is refused (UsageError naming the files and both
// checksums), nothing run, unless `force`; then a warning is logged.
RollbackResult rollback(const Context& ctx, const std::string& target, bool force = false);

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
