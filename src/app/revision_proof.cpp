#include "app/revision_proof.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/schema_difference.h"
#include "codegen/render.h"
#include "core/error.h"
#include "revision/steps.h"
#include "shadow/script_runner.h"
#include "sql/parse_result.h"
#include "sql/quote.h"
#include "sql/side_effects.h"
#include "sql/text.h"

namespace strata::app {

namespace {


// Runs one step's script; a SQL error becomes the step's failure, with the
// statement, its line in `file`, and PostgreSQL's message, DETAIL and HINT.
bool run_step_script(const Project& project, db::Connection& conn, const std::string& sql, const std::string& file,
                     ProofSite site, ProofStep& step) {
  std::optional<shadow::ScriptFailure> failure;
  if (site == ProofSite::kShadow) {
    // Each step of the file in its mode, as the applier runs it.
    shadow::StepRunOptions options;
    options.role = project.config().proof_role;
    failure = shadow::run_steps(conn, sql, file, options);
  } else {
    for (const auto& s : revision::split_steps(sql, revision::StepMode::kTransaction, file))
      if (s.mode == revision::StepMode::kNoTransaction)
        throw UsageError(file + " line " + std::to_string(s.line) +
                         ": this revision has steps that run outside a transaction (an online plan: CREATE "
                         "INDEX CONCURRENTLY and the like), which cannot be proved in a rolled-back transaction "
                         "on the target; give create a shadow database (a role with CREATEDB, or "
                         "database.shadow_url in strata.yaml), or create the revision with --offline");
    // The markers are comments: the file runs as one script in the caller's transaction.
    failure = shadow::run_script(conn, sql);
  }
  if (!failure) return true;
  step.ok = false;
  step.detail = "the SQL failed at " + failure->str(file);
  step.line = failure->line;
  step.statement = failure->statement;
  step.sqlstate = failure->sqlstate;
  return false;
}

// After an up: the catalog must equal the models (as the differ sees it:
// nothing left to do, expressions confirmed by the server).
bool matches_models(const Project& project, db::Connection& conn, const model::Schema& desired,
                    const model::SourceMap& where, ProofSite site, ProofStep& step) {
  LivePlan live = plan_live(project, conn, desired, where, /*own_transaction=*/site == ProofSite::kShadow);
  if (live.plan.empty()) return true;
  step.ok = false;
  step.detail = "the catalog does not match the models: " + codegen::describe(live.plan.steps.front().change) +
                " is still to do";
  return false;
}

// After a down: the catalog must be the starting catalog, up to the order of
// the columns (a re-added column goes last; first_difference ignores that).
bool matches_start(const Project& project, db::Connection& conn, const model::Schema& start, ProofSite site,
                   ProofStep& step) {
  auto now = project.inspect(conn, site == ProofSite::kShadow);
  // An invalid index that up repaired comes back built: down cannot re-fail it.
  model::Schema expected = start;
  for (auto& [_, ns] : expected.namespaces)
    for (auto& [_, t] : ns.tables)
      for (auto& [_, ix] : t.indexes) ix.invalid = false;
  std::string diff = first_difference(expected, now.schema);
  if (diff.empty()) return true;
  step.ok = false;
  step.detail = "the catalog is not back where it started: " + diff +
                " (first = before the revision, second = after down)";
  return false;
}

// An expression of the models PostgreSQL evaluates for existing rows, and
// the object it belongs to.
struct RowExpression {
  std::string text;
  std::string owner;  // "check 'c' of table public.t"
};

std::vector<RowExpression> row_expressions(const model::Schema& schema) {
  std::vector<RowExpression> out;
  auto index_expressions = [&](const model::Index& ix, const std::string& relation) {
    std::string owner = "index '" + ix.name + "' of " + relation;
    for (const auto& k : ix.keys)
      if (k.expression) out.push_back({*k.expression, owner});
    if (ix.where) out.push_back({*ix.where, owner});
  };
  for (const auto& [ns_name, ns] : schema.namespaces) {
    for (const auto& [t_name, t] : ns.tables) {
      std::string table = "table " + ns_name + "." + t_name;
      for (const auto& c : t.columns)
        if (c.generated) out.push_back({*c.generated, "generated column '" + c.name + "' of " + table});
      for (const auto& [name, c] : t.checks) out.push_back({c.expression, "check '" + name + "' of " + table});
      for (const auto& [name, x] : t.exclusions) {
        std::string owner = "exclusion '" + name + "' of " + table;
        for (const auto& el : x.elements)
          if (el.expression.starts_with('(')) out.push_back({el.expression, owner});
        if (x.where) out.push_back({*x.where, owner});
      }
      for (const auto& [_, ix] : t.indexes) index_expressions(ix, table);
    }
    for (const auto& [v_name, v] : ns.views)
      for (const auto& [_, ix] : v.indexes) index_expressions(ix, "materialized view " + ns_name + "." + v_name);
  }
  return out;
}

void enter_proof_role(const std::string& role, db::Connection& conn) {
  conn.execute("SET LOCAL ROLE " + sql::quote_ident(role));
  std::string powers = conn.query_value(
      "SELECT pg_catalog.concat_ws(', ', "
      "CASE WHEN r.rolsuper THEN 'superuser' END, "
      "CASE WHEN pg_catalog.pg_has_role(r.oid, 'pg_execute_server_program', 'USAGE') "
      "THEN 'pg_execute_server_program' END, "
      "CASE WHEN pg_catalog.pg_has_role(r.oid, 'pg_read_server_files', 'USAGE') "
      "THEN 'pg_read_server_files' END, "
      "CASE WHEN pg_catalog.pg_has_role(r.oid, 'pg_write_server_files', 'USAGE') "
      "THEN 'pg_write_server_files' END) "
      "FROM pg_catalog.pg_roles r WHERE r.rolname = current_user");
  if (!powers.empty())
    throw UsageError("proof_role '" + sql::visible(role) + "' has powers outside the database (" +
                     powers +
                     "); the proof runs the revision as this role so that it cannot act outside "
                     "the database: give it a role without them");
}

}  // namespace

void prepare_proof(const Project& project, db::Connection& conn, const model::Schema& desired) {
  if (!project.config().proof_role.empty()) enter_proof_role(project.config().proof_role, conn);

  // Every function the row expressions call, with its first caller.
  std::map<std::pair<std::string, std::string>, std::string> calls;
  for (const auto& e : row_expressions(desired)) {
    auto r = sql::parse("SELECT (" + e.text + "\n)");
    if (!r.ok()) continue;  // the loader reported it
    for (const auto& c : sql::function_calls(*r.tree)) calls.emplace(std::pair{c.schema, c.name}, e.owner);
  }
  if (calls.empty()) return;
  std::set<std::string> names;
  for (const auto& [call, _] : calls) names.insert(call.second);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + sql::quote_literal(n);
  std::string rows = conn.query_value(
      "SELECT COALESCE(pg_catalog.jsonb_agg(DISTINCT pg_catalog.jsonb_build_array("
      "n.nspname::text, p.proname::text))::text, '[]') FROM pg_catalog.pg_proc p "
      "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.provolatile = 'v' AND p.proname::text = ANY (ARRAY[" + list + "]::text[])");
  std::vector<Diagnostic> problems;
  for (const auto& row : nlohmann::json::parse(rows.empty() ? "[]" : rows)) {
    std::string schema = row.at(0).get<std::string>(), name = row.at(1).get<std::string>();
    for (const auto& [call, owner] : calls) {
      if (call.second != name || (!call.first.empty() && call.first != schema)) continue;
      problems.push_back({Location{project.relative(project.config().schema_dir), 0, 0},
                          owner + " calls " + sql::visible(name) +
                              "(), which is volatile; checks, index expressions and generated "
                              "columns may call only immutable or stable functions (PostgreSQL "
                              "evaluates them for existing rows while the revision is proved "
                              "and applied)"});
    }
  }
  if (!problems.empty()) throw LoadError(problems);
}

void check_generated_scripts(const std::string& up_sql, const std::string& down_sql) {
  for (const auto& [name, script] : {std::pair{"up", &up_sql}, std::pair{"down", &down_sql}})
    if (auto problem = sql::generated_script_problem(*script))
      throw Error(std::string("refusing to prove the generated ") + name + " script: " + *problem +
                  "; nothing was run or written");
}

std::vector<ProofStep> prove_revision(const Project& project, db::Connection& conn, const model::Schema& desired,
                                      const model::SourceMap& where, const model::Schema& start,
                                      const ProofScripts& scripts, ProofSite site) {
  std::vector<ProofStep> steps;
  steps.reserve(2);  // the references below must stay valid
  auto step = [&](const std::string& name) -> ProofStep& {
    steps.push_back(ProofStep{name, true, ""});
    return steps.back();
  };
  ProofStep& up = step("up");
  if (!run_step_script(project, conn, scripts.up_sql, scripts.up_file, site, up) ||
      !matches_models(project, conn, desired, where, site, up))
    return steps;
  ProofStep& down = step("down");
  if (!run_step_script(project, conn, scripts.down_sql, scripts.down_file, site, down) ||
      !matches_start(project, conn, start, site, down))
    return steps;
  return steps;
}

}  // namespace strata::app
