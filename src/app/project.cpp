#include "app/project.h"

#include <algorithm>
#include <chrono>

#include "app/audit.h"
#include "app/release_memory.h"
#include "apply/audit_entry.h"
#include "apply/local_server.h"
#include "core/error.h"
#include "db/conninfo.h"
#include "model/summary.h"
#include "model/yaml_loader.h"

namespace strata::app {

namespace fs = std::filesystem;

namespace {

// Milliseconds since `start`, for the phase times `--verbose` shows.
long long ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

revision::Store Project::open_store() const {
  if (auto lock = revision::WriteLock::try_acquire(config().migrations_dir))
    for (const auto& line : revision::sweep_interrupted_writes(config().migrations_dir)) log().warn("{}", line);
  revision::StoreOptions options;
  options.name_template = config().revision_template;
  return revision::Store(config().migrations_dir, options);
}

revision::WriteLock Project::lock_migrations() const {
  auto lock = revision::WriteLock::acquire(config().migrations_dir, std::chrono::milliseconds(config().lock_wait_ms));
  for (const auto& line : revision::sweep_interrupted_writes(config().migrations_dir)) log().warn("{}", line);
  return lock;
}

model::Schema Project::load_models() const {
  model::SourceMap where;
  return load_models(where);
}

model::Schema Project::load_models(model::SourceMap& where) const {
  if (!fs::is_directory(config().schema_dir))
    throw LoadError(Location{relative(config().schema_dir), 0, 0},
                    "the schema folder does not exist (set paths.schema in strata.yaml, or run `strata init`)");
  const auto started = std::chrono::steady_clock::now();
  // Every command names a model file the same way, in a diagnostic's place
  // and in the places its message names: relative to the project root.
  model::Schema models = model::load_directory(config().schema_dir, where,
                                               [this](const fs::path& f) { return relative(f); });
  log().debug("read the models in {} ms", ms_since(started));
  // A schema the models describe but strata.yaml does not manage would never
  // be read back from the database: every revision would recreate it.
  const auto& managed = config().schemas;
  if (!managed.empty()) {
    std::vector<Diagnostic> problems;
    for (const auto& [name, ns] : models.namespaces) {
      if (std::find(managed.begin(), managed.end(), name) != managed.end()) continue;
      problems.push_back({Location{relative(config().file.empty() ? config().schema_dir : config().file), 0, 0},
                          "the models describe schema '" + name +
                              "', which is not in `schemas:`; add it there, or move its objects to a managed schema"});
    }
    if (!problems.empty()) throw LoadError(std::move(problems));
  }
  return models;
}

std::string Project::database_url() const {
  if (!config().is_local()) {
    if (auto problem = db::url_problem(config().database_url)) {
      const std::string& from = config().database_url_source;
      throw UsageError("the database URL " + (from.empty() ? std::string() : "from " + from + " ") +
                       "is malformed: " + *problem +
                       "; write a libpq URI (postgresql://user@host:5432/dbname) or keyword string "
                       "(host=... dbname=...)");
    }
    return config().database_url;
  }
  apply::LocalServerOptions options;
  options.root = config().local_dir;
  options.tools = tool_options();
  apply::LocalServer server(options);
  auto st = server.status();
  if (!st.running) log().info("starting the local PostgreSQL under {}", relative(config().local_dir));
  return server.start();
}

std::unique_ptr<db::Connection> Project::connect() const {
  std::string url = database_url();
  auto conn = std::make_unique<db::Connection>(url);
  log().debug("connected to {}", conn->endpoint().str());
  return conn;
}

apply::Options Project::applier_options() const {
  apply::Options o;
  o.lock_timeout = std::chrono::milliseconds(config().lock_timeout_ms);
  o.lock_retries = config().lock_retries;
  o.statement_timeout = std::chrono::milliseconds(config().statement_timeout_ms);
  o.lock_wait = std::chrono::milliseconds(config().lock_wait_ms);
  o.applied_by = ctx_.who;
  o.logger = ctx_.log;
  return o;
}

apply::PgToolOptions Project::tool_options() const {
  apply::PgToolOptions o;
  o.search_path = config().tool_path;
  return o;
}

introspect::Inspection Project::inspect(db::Connection& conn, bool own_transaction) const {
  introspect::Options o;
  o.own_transaction = own_transaction;
  o.manage_owners = config().manage_owners;
  o.manage_privileges = config().manage_privileges;
  const auto& wanted = config().schemas;
  if (wanted.empty()) return introspect::inspect(conn, o);  // every non-system schema

  std::string list;
  for (const auto& name : wanted) list += (list.empty() ? "" : ",") + name;
  std::vector<std::string> existing;
  soci::rowset<std::string> rows = (conn.session().prepare << "SELECT nspname::text FROM pg_namespace "
                                                               "WHERE nspname = ANY(string_to_array(:l, ',')) "
                                                               "ORDER BY 1",
                                    soci::use(list));
  for (const auto& r : rows) existing.push_back(r);
  conn.count_statement();
  // An empty list would mean "every schema": read one that exists and keep
  // only the database-wide part (extensions) when none of ours exists yet.
  bool none = existing.empty();
  o.schemas = none ? std::vector<std::string>{"public"} : existing;
  if (none && conn.query_value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'") == "0") {
    introspect::Inspection empty;
    empty.server_version_num = conn.server_version_num();
    return empty;
  }
  const auto started = std::chrono::steady_clock::now();
  auto result = introspect::inspect(conn, o);
  log().debug("read the catalog in {} ms", ms_since(started));
  if (none) {
    result.schema.namespaces.clear();
    result.unmanaged.clear();
  }
  return result;
}

diff::Options Project::diff_options() const {
  diff::Options o;
  o.manage_owners = config().manage_owners;
  o.manage_privileges = config().manage_privileges;
  return o;
}

std::string Project::relative(const fs::path& p) const {
  std::error_code ec;
  fs::path rel = fs::relative(p, config().root, ec);
  if (ec || rel.empty() || rel.string().rfind("..", 0) == 0) return p.string();
  return rel.string();
}

std::map<std::string, int> count_objects(const model::Schema& schema) {
  model::Summary s = model::summarize(schema);
  return {{"schemas", s.schemas},
          {"extensions", s.extensions},
          {"tables", s.tables},
          {"columns", s.columns},
          {"indexes", s.indexes},
          {"constraints", s.constraints()},
          {"primary_keys", s.primary_keys},
          {"unique_constraints", s.unique_constraints},
          {"check_constraints", s.check_constraints},
          {"foreign_keys", s.foreign_keys},
          {"exclusion_constraints", s.exclusion_constraints},
          {"enums", s.enums},
          {"sequences", s.sequences},
          {"views", s.views},
          {"materialized_views", s.materialized_views},
          {"domains", s.domains},
          {"composite_types", s.composite_types},
          {"collations", s.collations},
          {"text_search_configurations", s.text_search_configurations},
          {"functions", s.functions},
          {"aggregates", s.aggregates},
          {"triggers", s.triggers}};
}

std::string summary_line(const model::Schema& schema) { return model::summarize(schema).str(); }

RevisionInfo info_of(const revision::Revision& r, const Project& project) {
  RevisionInfo info;
  info.id = r.id;
  info.parent = r.parent.value_or("");
  info.message = r.message;
  info.up_file = project.relative(r.up_path);
  info.summary = r.summary;
  return info;
}

AuditScope::AuditScope(const Project& project, std::string operation, std::string target)
    : project_(project),
      operation_(std::move(operation)),
      target_(std::move(target)),
      start_(std::chrono::steady_clock::now()) {}

void AuditScope::touch(const std::string& revision) {
  revisions_.push_back(revision);
  if (auto& inv = project_.ctx().invocation) inv->revisions.push_back(revision);
}

void AuditScope::fail(db::Connection* conn, const std::exception& error) {
  const auto* db_error = dynamic_cast<const DatabaseError*>(&error);
  if (db_error) sqlstate_ = db_error->sqlstate();
  if (db_error && db_error->kind() == DatabaseError::Kind::kUnreachable) return;  // recorded by the caller
  finish(conn, false, error.what());
}

void AuditScope::finish(db::Connection* conn, bool ok, const std::string& detail) {
  const Context& ctx = project_.ctx();
  apply::AuditEntry e;
  e.who = ctx.who;
  e.operation = operation_;
  e.target = target_;
  e.ok = ok;
  // The connection's messages are masked where they arise; this catches a
  // password any other message might quote.
  e.detail = db::mask_password(detail, project_.config().database_url);
  e.revisions = join_revisions(revisions_);
  e.sqlstate = sqlstate_;
  if (conn != nullptr) e.database = conn->endpoint().str();
  // The whole command's time when it is known, else this scope's.
  auto started = start_;
  if (const auto& inv = ctx.invocation) {
    e.source = inv->source;
    e.client = inv->client;
    e.host = inv->host;
    e.arguments = inv->arguments;
    started = inv->start;
    inv->recorded = true;
  }
  e.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  try {
    if (conn != nullptr) {
      // A failed transaction would refuse the insert.
      try {
        conn->execute("ROLLBACK");
      } catch (const std::exception&) {
      }
      apply::write_audit(*conn, e);
    } else {
      auto fresh = project_.connect();
      e.database = fresh->endpoint().str();
      apply::write_audit(*fresh, e);
    }
  } catch (const std::exception& ex) {
    project_.log().warn("could not write the audit row: {}", ex.what());
  }
  log_audit_entry(ctx, e);
}

}  // namespace strata::app

#include <set>

#include "apply/file_mismatch.h"
#include "introspect/server_oracle.h"

namespace strata::app {

DatabaseState read_state(const Project& project, db::Connection& conn, const revision::Store& store,
                         const std::vector<apply::AppliedRevision>* applied) {
  DatabaseState s;
  s.applied = applied ? *applied : apply::read_applied(conn);
  s.current = apply::current_revision(s.applied);
  std::set<std::string> applied_ids;
  for (const auto& a : s.applied) applied_ids.insert(a.revision);
  for (const auto& m : apply::find_file_mismatches(store, s.applied)) {
    if (m.kind == apply::FileMismatch::Kind::kMissingFile) {
      s.unknown.push_back(m.revision);
    } else {
      s.edited.push_back(m.revision);
      s.edited_files.push_back(project.relative(m.file));
      s.edited_messages.push_back(m.message);
    }
  }
  s.forks = fork_infos(store, &s.applied, conn.endpoint().str());
  // The chains to every head: one for a linear directory, one per branch
  // during a fork. Pending is what they hold that is not applied.
  std::vector<std::vector<revision::Revision>> chains;
  try {
    if (s.forks.empty()) {
      s.head = store.head();
      if (s.head) chains.push_back(store.between(std::nullopt, *s.head));
    } else {
      for (const auto* h : store.heads()) chains.push_back(store.between(std::nullopt, h->id));
    }
  } catch (const UsageError& e) {
    s.chain_note = e.what();
    chains.clear();
  }
  std::set<std::string> in_chain, listed;
  for (const auto& chain : chains) {
    // The database's revision on this chain: the last one applied.
    std::ptrdiff_t last = -1;
    for (std::size_t i = 0; i < chain.size(); ++i)
      if (applied_ids.count(chain[i].id)) last = static_cast<std::ptrdiff_t>(i);
    if (s.forks.empty() && last >= 0) s.current = chain[static_cast<std::size_t>(last)].id;
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const auto& r = chain[i];
      in_chain.insert(r.id);
      if (applied_ids.count(r.id) || !listed.insert(r.id).second) continue;
      s.pending.push_back(r);
      if (static_cast<std::ptrdiff_t>(i) < last) s.out_of_order.push_back(r.id);
    }
  }
  if (s.chain_note.empty()) {
    if (chains.empty() && s.current) {
      s.chain_note = "the database is at " + *s.current + " but migrations/ holds no revisions";
    } else {
      std::string off;
      for (const auto& a : s.applied)
        if (store.find(a.revision) && !in_chain.count(a.revision)) off += (off.empty() ? "" : ", ") + a.revision;
      if (!off.empty())
        s.chain_note = "the database has " + off + " applied, which " +
                       (off.find(',') == std::string::npos ? "is" : "are") + " not on the chain to " +
                       (s.head ? "head " + *s.head : std::string("any head")) +
                       " in migrations/ (another branch's revisions?); roll them back on this database or bring "
                       "their branch in";
    }
  }
  return s;
}

LivePlan plan_live(const Project& project, db::Connection& conn, const model::Schema& desired,
                   const model::SourceMap& where, bool own_transaction) {
  LivePlan out;
  out.inspection = project.inspect(conn, own_transaction);
  out.plan = plan_from(project, conn, out.inspection, desired, where);
  return out;
}

namespace {

void check_roles(const Project& project, db::Connection& conn, const model::Schema& desired,
                 const model::SourceMap& where, std::vector<Diagnostic>* roles_missing) {
  std::vector<Diagnostic> missing = missing_roles(conn, desired, where, project.diff_options());
  if (missing.empty()) return;
  if (roles_missing == nullptr) throw LoadError(std::move(missing));
  for (auto& d : missing) roles_missing->push_back(std::move(d));
}

}  // namespace

diff::Plan plan_from(const Project& project, db::Connection& conn,
                     const introspect::Inspection& current, const model::Schema& desired,
                     const model::SourceMap& where, std::vector<Diagnostic>* roles_missing) {
  check_roles(project, conn, desired, where, roles_missing);
  introspect::ServerOracle oracle(conn);
  const auto started = std::chrono::steady_clock::now();
  diff::Plan plan = diff::plan(current.schema, desired, project.diff_options(), &oracle);
  project.log().debug("planned in {} ms", ms_since(started));
  return plan;
}

diff::Plan plan_from(const Project& project, db::Connection& conn, model::Schema current,
                     model::Schema desired, const model::SourceMap& where,
                     std::vector<Diagnostic>* roles_missing) {
  check_roles(project, conn, desired, where, roles_missing);
  introspect::ServerOracle oracle(conn);
  const auto started = std::chrono::steady_clock::now();
  diff::Leftovers leftovers;
  diff::Plan plan =
      diff::plan(std::move(current), std::move(desired), project.diff_options(), &oracle, &leftovers);
  project.log().debug("planned in {} ms", ms_since(started));
  leave_to_exit(project.ctx(), std::move(leftovers));
  return plan;
}

}  // namespace strata::app
