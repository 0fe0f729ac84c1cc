#pragma once

// What the commands share: the project's files and its database, opened the
// way the configuration says. Internal to app.

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/results.h"
#include "apply/applied_revision.h"
#include "apply/applier.h"
#include "apply/pg_tools.h"
#include "db/connection.h"
#include "diff/plan.h"
#include "introspect/inspector.h"
#include "model/schema.h"
#include "model/yaml_loader.h"
#include "revision/store.h"
#include "revision/write_lock.h"

namespace strata::app {

class Project {
 public:
  explicit Project(const Context& ctx) : ctx_(ctx) {}

  const Context& ctx() const { return ctx_; }
  const Config& config() const { return ctx_.config; }
  spdlog::logger& log() const { return *ctx_.log; }

  // migrations/ (throws LoadError for bad files). When no other process is
  // writing revisions, first sweeps what an interrupted `create` left there
  // (logged as warnings).
  revision::Store open_store() const;
  // The migrations folder's write lock (waiting up to lock_wait), after which
  // the folder is swept; hold it while reading the chain and writing a
  // revision. open_store() does not sweep while this process holds it.
  revision::WriteLock lock_migrations() const;
  // The models under schema/ (throws LoadError).
  model::Schema load_models() const;
  // The same, and where each object was declared (files relative to the root).
  model::Schema load_models(model::SourceMap& where) const;

  // The database URL; for `local`, starts the local server first.
  std::string database_url() const;
  // Connects (throws DatabaseError kUnreachable).
  std::unique_ptr<db::Connection> connect() const;

  apply::Options applier_options() const;
  apply::PgToolOptions tool_options() const;
  // The managed schemas that exist in the database now (a configured schema
  // the first revision has not created yet is simply empty).
  introspect::Inspection inspect(db::Connection& conn, bool own_transaction) const;
  diff::Options diff_options() const;

  // A path relative to the project root, for messages.
  std::string relative(const std::filesystem::path& p) const;

 private:
  const Context& ctx_;
};

// Object counts of a model (model::summarize) by name, and its one-line form.
std::map<std::string, int> count_objects(const model::Schema& schema);
std::string summary_line(const model::Schema& schema);

// The model file `init` writes into a new schema/ (public.yaml): comments and
// `schema: public`, nothing else. Commands that write models (inspect, adopt)
// replace it while its text is exactly this; an edited one is a model.
std::string init_placeholder_model();
bool is_init_placeholder(const std::filesystem::path& file);

// Info for a revision file (not applied).
RevisionInfo info_of(const revision::Revision& r, const Project& project);

// Times a command and writes its audit row when it ends, ok or not, with
// where it came from (ctx.invocation); the row marks the invocation recorded.
class AuditScope {
 public:
  AuditScope(const Project& project, std::string operation, std::string target = {});
  // Records the outcome through `conn` when one is open, else through a
  // fresh connection; never throws (a failed audit is logged). Always writes
  // the audit line to the log file.
  void finish(db::Connection* conn, bool ok, const std::string& detail = {});
  // Records `error` as the failed outcome, with its SQLSTATE, unless the
  // database could not be reached at all (the caller's record_invocation
  // then logs it). Never throws.
  void fail(db::Connection* conn, const std::exception& error);
  void set_target(std::string target) { target_ = std::move(target); }
  // A revision this command applied, rolled back, wrote or stamped.
  void touch(const std::string& revision);

 private:
  const Project& project_;
  std::string operation_;
  std::string target_;
  std::vector<std::string> revisions_;
  std::string sqlstate_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace strata::app

namespace strata::app {

// The database's bookkeeping compared with migrations/.
struct DatabaseState {
  std::vector<apply::AppliedRevision> applied;
  std::optional<std::string> current;
  std::optional<std::string> head;
  std::vector<revision::Revision> pending;  // current -> head
  std::vector<std::string> unknown;         // applied ids with no file
  std::vector<std::string> edited;          // applied ids whose files changed
  std::vector<std::string> edited_files;    // their up files, relative
  std::vector<std::string> edited_messages;
  std::string chain_note;                   // why pending could not be computed
  // Pending revisions before `current` in the chain (ids, chain order).
  std::vector<std::string> out_of_order;
  std::vector<ForkInfo> forks;  // with advice that knows what is applied
};
DatabaseState read_state(const Project& project, db::Connection& conn, const revision::Store& store,
                         const std::vector<apply::AppliedRevision>* applied = nullptr);

// The forks of `store` with, per branch, what `applied` holds and advice
// naming the branch to move (`database` names where `applied` was read;
// nullptr for `applied`: not known, the advice offers `strata rebase`).
std::vector<ForkInfo> fork_infos(const revision::Store& store, const std::vector<apply::AppliedRevision>* applied,
                                 const std::string& database);

// A fork problem's message (revision::Store::problems) with its offline
// advice replaced by `advice` (from fork_infos, which knows the database).
std::string with_fork_advice(const std::string& message, const std::string& advice);

// Roles stay outside the models: every role the models name (policy roles;
// owners and grantees when managed) must exist on the server. One
// diagnostic per missing role, at its first mention in `where`; none when
// all exist. One statement on `conn`.
std::vector<Diagnostic> missing_roles(db::Connection& conn, const model::Schema& models,
                                      const model::SourceMap& where, const diff::Options& options);

// The plan from the live database to `desired`.
struct LivePlan {
  introspect::Inspection inspection;
  diff::Plan plan;
};
LivePlan plan_live(const Project& project, db::Connection& conn, const model::Schema& desired,
                   const model::SourceMap& where, bool own_transaction = true);
// The plan from a catalog already read on `conn` to `desired`; the
// expression oracle runs on `conn`. Every plan is made here, after
// missing_roles (`where`: where the models were declared): a missing role
// throws LoadError; with `roles_missing` given, the missing roles are added
// to it instead and the plan is made all the same (check reports them beside
// its other problems).
diff::Plan plan_from(const Project& project, db::Connection& conn,
                     const introspect::Inspection& current, const model::Schema& desired,
                     const model::SourceMap& where, std::vector<Diagnostic>* roles_missing = nullptr);
// The same for a caller done with both schemas: moved in, planning holds
// no copies beside them (the catalog's and the models' at 10,000 tables are
// a few hundred MB each).
diff::Plan plan_from(const Project& project, db::Connection& conn, model::Schema current,
                     model::Schema desired, const model::SourceMap& where,
                     std::vector<Diagnostic>* roles_missing = nullptr);

// Runs `load` (loading the models, which needs no database) on a second
// thread while `read` (connecting, reading the catalog) runs on this one, and
// returns what `load` returned. The two wait on different things (the CPU,
// the server), so together they take about as long as the longer one. When
// both throw, `load`'s error wins: a model error is reported before a
// database one, as when the models were loaded first.
template <typename Load, typename Read>
auto load_while_reading(Load load, Read read) -> decltype(load());

template <typename Load, typename Read>
auto load_while_reading(Load load, Read read) -> decltype(load()) {
  auto loaded = std::async(std::launch::async, std::move(load));
  try {
    read();
  } catch (...) {
    loaded.get();  // its exception, if any, goes first
    throw;
  }
  return loaded.get();
}

}  // namespace strata::app
