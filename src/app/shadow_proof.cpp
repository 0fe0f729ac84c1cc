#include "app/shadow_proof.h"

#include <spdlog/spdlog.h>

#include "apply/applier.h"
#include "codegen/render.h"
#include "core/error.h"
#include "db/conninfo.h"
#include "introspect/server_oracle.h"
#include "shadow/catalog_copy.h"

namespace strata::app {

ShadowServer find_shadow_server(const Project& project, db::Connection& target) {
  ShadowServer out;
  const Config& config = project.config();
  if (!config.shadow_url.empty()) {
    if (auto problem = db::url_problem(config.shadow_url))
      throw UsageError("the shadow database URL from " + config.shadow_url_source + " is malformed: " + *problem +
                       "; write a libpq URI (postgresql://user@host:5432/postgres) of a server where the role "
                       "may create databases");
    out.configured = true;
    out.options = shadow::ShadowOptions{};
    out.options->server_url = config.shadow_url;
    return out;
  }
  if (!shadow::may_create_databases(target)) {
    out.why_not = "role " + target.query_value("SELECT current_user") +
                  " may not create databases (no CREATEDB) and database.shadow_url is not set";
    return out;
  }
  out.options = shadow::ShadowOptions{};
  out.options->server_url = project.database_url();
  // The copy gets the target's encoding and locale.
  out.options->encoding = target.query_value(
      "SELECT pg_catalog.pg_encoding_to_char(encoding) FROM pg_catalog.pg_database "
      "WHERE datname = current_database()");
  out.options->collate =
      target.query_value("SELECT datcollate::text FROM pg_catalog.pg_database WHERE datname = current_database()");
  out.options->ctype =
      target.query_value("SELECT datctype::text FROM pg_catalog.pg_database WHERE datname = current_database()");
  return out;
}

Replay replay_chain(const Project& project, const shadow::ShadowOptions& where,
                    const std::vector<revision::Revision>& chain) {
  Replay out;
  out.db = std::make_unique<shadow::ShadowDatabase>(where);
  for (const auto& name : out.db->swept()) project.log().info("removed the stale shadow database {}", name);
  {
    apply::Options options = project.applier_options();
    options.lock_wait = std::chrono::milliseconds(0);  // nobody else knows this database
    // The replay is not the user's apply: its progress goes nowhere.
    options.logger = std::make_shared<spdlog::logger>("shadow replay");
    apply::Applier applier(out.db->connection(), options);
    applier.apply(chain);
  }
  out.schema = project.inspect(out.db->connection(), true).schema;
  return out;
}

std::vector<std::string> drift_between(const Project& project, db::Connection& conn, const model::Schema& live,
                                       const model::Schema& replayed) {
  introspect::ServerOracle oracle(conn);
  diff::Plan plan = diff::plan(live, replayed, project.diff_options(), &oracle);
  if (plan.empty()) return {};
  return codegen::render(plan).change_lines;
}

std::unique_ptr<shadow::ShadowDatabase> copy_target(const Project& project, const ShadowServer& where,
                                                   db::Connection& target) {
  auto db = std::make_unique<shadow::ShadowDatabase>(*where.options);
  for (const auto& name : db->swept()) project.log().info("removed the stale shadow database {}", name);
  shadow::CopyOptions copy;
  copy.tools = project.tool_options();
  copy.source_major = target.server_version_num() / 10000;
  copy.owners_and_privileges = !where.configured;
  shadow::copy_catalog(project.database_url(), db->url(), copy);
  return db;
}

}  // namespace strata::app
