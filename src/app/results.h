#pragma once

// The result of each command, as values. The command line prints them as text
// or JSON; the server returns them as JSON. No command prints anything itself.
//
// JSON (docs/JSON.md, one schema per command under docs/schema/): every
// field is always present; a value that is absent (no revision yet, no file)
// is null, never "". document() adds "ok" and "exit_code".

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/linter.h"
#include "codegen/drift_item.h"

namespace strata::app {

// A string field in JSON: null when empty.
nlohmann::json or_null(const std::string& s);

// One revision as the commands report it.
struct RevisionInfo {
  std::string id;
  std::string parent;   // empty for the first
  std::string message;
  std::string up_file;  // path relative to the project root
  bool applied = false;
  std::string applied_at;  // ISO 8601 UTC, empty when not applied
  std::string applied_by;
  long long duration_ms = 0;
  bool edited = false;  // applied, and a file changed since
  bool missing_file = false;  // applied in the database, no file in migrations/
  // The header's "-- changes:" / "-- hazards:" lines, as written (files only).
  std::string summary;
};
void to_json(nlohmann::json& j, const RevisionInfo& r);

// Something wrong that check/status/validate report. `file`/`line` are set when
// the problem lives in a file (for annotations).
struct Problem {
  std::string kind;  // model, revision, chain, edited, pending, drift, database, unmanaged, hazard
  std::string message;
  std::string file;  // relative to the project root; empty when none
  int line = 0;
  int column = 0;
  // kind "drift": what differs, as data (one item per attribute).
  std::vector<codegen::DriftItem> drift;
};
void to_json(nlohmann::json& j, const Problem& p);

struct InitResult {
  std::vector<std::string> created;  // paths created, relative to the root
  std::vector<std::string> kept;     // paths that existed and were left alone
  bool database_ready = false;       // the strata schema exists in the database
  std::string database_note;         // why not, when it is not
};
void to_json(nlohmann::json& j, const InitResult& r);

// A no-transaction revision that stopped part way: the next apply (or, for
// its down file, rollback) resumes at `statement`, 1-based, of `statements`
// (0 when its file is gone or does not split).
struct InterruptedRevision {
  std::string id;
  bool down = false;
  int statement = 0;
  int statements = 0;
  std::string updated_at;  // ISO 8601 UTC
};
void to_json(nlohmann::json& j, const InterruptedRevision& r);

// A fork in migrations/: two or more branches after one revision.
struct ForkBranch {
  std::vector<std::string> revisions;  // oldest first: the fork's child .. the branch's head
  std::vector<std::string> applied;    // those the database has applied
};
void to_json(nlohmann::json& j, const ForkBranch& b);

struct ForkInfo {
  std::optional<std::string> parent;  // nullopt (JSON null): several first revisions
  std::vector<ForkBranch> branches;   // by their first revision
  std::string advice;                 // what to run, naming the side the database lacks
};
void to_json(nlohmann::json& j, const ForkInfo& f);

struct StatusResult {
  std::string database;  // endpoint, no password
  std::string current;   // the database's revision; empty when none applied
  std::string head;      // newest revision in migrations/; empty when none
  std::vector<RevisionInfo> pending;
  std::vector<RevisionInfo> edited;
  std::vector<std::string> unknown;  // applied in the database, absent from migrations/
  std::vector<InterruptedRevision> interrupted;
  std::optional<bool> drift;        // empty when it could not be computed
  std::string drift_note;           // why, when drift is empty
  std::vector<std::string> drift_changes;  // what differs, one change line each
  std::vector<codegen::DriftItem> drift_items;  // the same, as data
  int applied_count = 0;
  std::vector<ForkInfo> forks;             // empty for a linear chain
  // Pending revisions that come before the database's revision in the chain
  // (`apply --out-of-order` applies them); a subset of `pending`.
  std::vector<std::string> out_of_order;
};
void to_json(nlohmann::json& j, const StatusResult& r);

// A revision's SQL as planned (create, diff).
struct PlannedSql {
  std::vector<std::string> changes;  // one line per change, as in the header
  std::vector<std::string> hazards;
  std::string up_sql;
  std::string down_sql;
  nlohmann::json plan = nlohmann::json::object();  // the typed plan, as JSON
};
void to_json(nlohmann::json& j, const PlannedSql& p);

// A pre-check `create` ran on the database it planned against.
struct PrecheckFinding {
  std::string kind;
  std::string description;
  bool checked = false;     // false: a note, no query
  long long failing_rows = 0;
  std::vector<std::string> sample_keys;
};
void to_json(nlohmann::json& j, const PrecheckFinding& f);

struct ProofStep {
  std::string step;     // "up", "down"
  bool ok = false;
  std::string detail;   // what differed, or the error
  // When a statement failed: its line in the file, its text, its SQLSTATE.
  int line = 0;
  std::string statement;
  std::string sqlstate;
};
void to_json(nlohmann::json& j, const ProofStep& s);

struct CreateResult {
  bool nothing_to_do = false;
  bool written = false;
  bool dry_run = false;
  bool empty = false;
  std::string id;
  std::string parent;
  std::string message;
  std::string up_file;    // relative to the root
  std::string down_file;
  PlannedSql sql;
  std::vector<ProofStep> proof;
  std::vector<PrecheckFinding> prechecks;  // in the revision's order
  // Where the proof ran: "shadow database" or "rolled-back transaction on
  // the target"; and, for the latter, why no shadow could be had.
  std::string proof_site;
  std::string no_shadow_reason;
  // How the database differs from what its applied revisions produce (the
  // changes from the live catalog to the replayed one, "- column
  // public.t.experiment text"); empty when they agree or were not compared.
  std::vector<std::string> drift;
  std::string drift_note;  // why drift was not checked, when it was not
  bool from_head = false;  // planned from the replayed chain
};
void to_json(nlohmann::json& j, const CreateResult& r);

struct AppliedStep {
  std::string id;
  std::string message;
  long long duration_ms = 0;
  // rollback --dry-run: the down file's warnings (data loss and the like).
  std::vector<std::string> hazards;
};
void to_json(nlohmann::json& j, const AppliedStep& s);

struct ApplyResult {
  std::string from;  // revision before
  std::string to;    // revision after
  std::vector<AppliedStep> applied;
  std::string backup_file;  // relative to the root; empty when none
  bool sql_only = false;
  std::string sql;  // --sql: the script that would run
  std::vector<std::string> out_of_order;  // applied after a later revision (--out-of-order)
  std::vector<std::string> recorded_parents;  // rows whose new parent (from the files) was recorded
};
void to_json(nlohmann::json& j, const ApplyResult& r);

struct RollbackResult {
  std::string from;
  std::string to;
  std::vector<AppliedStep> rolled_back;  // newest first; with dry_run, what would be
  bool dry_run = false;
  bool sql_only = false;
  std::string sql;  // --sql: the script that would run
};
void to_json(nlohmann::json& j, const RollbackResult& r);

struct HistoryResult {
  std::vector<RevisionInfo> revisions;  // oldest first
  std::vector<ForkInfo> forks;          // empty for a linear chain
  std::string current;
  bool database_reachable = true;
  std::string database_note;
};
void to_json(nlohmann::json& j, const HistoryResult& r);

struct RebaseResult {
  std::vector<std::string> moved;    // the branch moved, oldest first
  std::optional<std::string> from;   // its first revision's parent before (null: none)
  std::string onto;                  // the head it follows now
  std::string file;                  // the rewritten up file, relative to the root
  std::string database;              // where "applied" was read
  std::string note;                  // what other databases need
};
void to_json(nlohmann::json& j, const RebaseResult& r);

struct CheckResult {
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
  std::vector<std::string> notes;  // informational (e.g. unmanaged objects)
  // Hazards of revision files that need no acknowledging (warnings); the
  // unacknowledged ones are problems of kind "hazard".
  std::vector<lint::Finding> hazards;
};
void to_json(nlohmann::json& j, const CheckResult& r);

struct ValidateResult {
  std::map<std::string, int> counts;  // schemas, tables, columns, indexes, ...
  std::string summary;                // "2 schemas, 7 tables, 41 columns, ..."
  int revisions = 0;
  std::string head;
  // Every hazard of the revision files; `error` marks the ones `check` fails on.
  std::vector<lint::Finding> hazards;
};
void to_json(nlohmann::json& j, const ValidateResult& r);

struct LintResult {
  std::vector<lint::Finding> findings;
  int files = 0;  // files linted
  // False when a finding needs acknowledging and is not allowed.
  bool ok() const {
    for (const auto& f : findings)
      if (f.error) return false;
    return true;
  }
};
void to_json(nlohmann::json& j, const LintResult& r);

struct DiffResult {
  bool empty = true;
  PlannedSql sql;
  std::vector<std::string> unmanaged;  // "3 functions", ...
};
void to_json(nlohmann::json& j, const DiffResult& r);

struct BackupResult {
  std::string file;     // relative to the root
  std::string sidecar;  // the JSON description beside it
  std::string revision;
  std::vector<std::string> removed;  // older backups removed by backups.keep
  std::vector<std::string> swept;    // temporary files of interrupted backups, removed
};
void to_json(nlohmann::json& j, const BackupResult& r);

struct RestoreResult {
  std::string file;
  std::vector<std::string> schemas;  // the schemas replaced; empty: every schema
  StatusResult status;
};
void to_json(nlohmann::json& j, const RestoreResult& r);

struct StampResult {
  std::string from;
  std::string to;
};
void to_json(nlohmann::json& j, const StampResult& r);

// "3 functions", "1 function", "1 table with row level security": a count
// of one of introspection's unmanaged kinds (which are plural).
std::string count_of(int n, const std::string& kind);

struct InspectResult {
  std::vector<std::string> files;  // written, relative to the working dir; empty with --out -
  std::string yaml;                // the YAML when printed to stdout
  nlohmann::json model = nlohmann::json::object();
  std::map<std::string, int> counts;
  std::string summary;                   // "1 schema, 3 tables, ..."
  std::map<std::string, int> unmanaged;  // kind -> count
  std::string unmanaged_line() const;    // "not managed: 3 functions, 2 triggers" or empty
};
void to_json(nlohmann::json& j, const InspectResult& r);

struct LocalResult {
  bool running = false;
  std::string url;     // the connection URL while running
  std::string data_dir;
  std::string note;
};
void to_json(nlohmann::json& j, const LocalResult& r);

// The exit code each result means (0 fine, 1 problems found), shared by
// the command line and the server's JSON.
int exit_code(const StatusResult& r);  // 1: an applied file edited or missing
int exit_code(const CheckResult& r);   // 1: any problem
// 1 when there are changes and the caller asked for that (diff --exit-code).
int exit_code(const DiffResult& r, bool changes_are_failure);

// The JSON document of a command, as `--json` prints it and the HTTP API
// answers: the result's fields, "ok" (exit_code == 0) and "exit_code".
template <typename Result>
nlohmann::json document(const Result& r, int exit_code) {
  nlohmann::json j = r;
  j["ok"] = exit_code == 0;
  j["exit_code"] = exit_code;
  return j;
}

}  // namespace strata::app
