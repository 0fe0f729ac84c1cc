#include "app/commands.h"
#include "app/project.h"
#include "app/revision_lint.h"
#include "app/revision_proof.h"
#include "apply/precheck_runner.h"
#include "app/shadow_proof.h"
#include "codegen/render.h"
#include "core/error.h"
#include "introspect/server_oracle.h"
#include "precheck/precheck.h"

#include <algorithm>
#include <fstream>

namespace strata::app {

namespace {

const char* kEmptySummary =
    "-- changes: written by hand\n"
    "-- hazards: review by hand\n";

// Refuses a revision with a hazard the project requires acknowledging and
// the revision does not allow, naming the flag to pass. The hazards are the
// linter's findings in the up file (what `check` judges later) and the plan's
// own (the header's `hazards:` lines, which also know what the text cannot
// show: a narrowing type change loses data); `plan` may be null.
void check_acknowledged(const Project& project, const revision::Revision& rev, const diff::Plan* plan) {
  std::vector<lint::HazardKind> acknowledge = acknowledged_kinds(project.config());
  auto findings = lint::lint_text(rev.up_sql, project.relative(rev.up_path), acknowledge);
  std::vector<lint::HazardKind> allowed = lint::allowed_kinds(rev.up_sql, project.relative(rev.up_path));
  std::vector<std::pair<HazardKind, std::string>> unacknowledged;
  for (const auto& f : findings)
    if (f.error) unacknowledged.emplace_back(f.kind, f.message);
  if (plan) {
    for (const auto& step : plan->steps)
      for (const auto& h : step.hazards) {
        bool needed = std::find(acknowledge.begin(), acknowledge.end(), h.kind) != acknowledge.end();
        bool allows = std::find(allowed.begin(), allowed.end(), h.kind) != allowed.end();
        bool listed = std::any_of(unacknowledged.begin(), unacknowledged.end(),
                                  [&](const auto& u) { return u.first == h.kind; });
        if (needed && !allows && !listed) unacknowledged.emplace_back(h.kind, h.detail);
      }
  }
  std::string list, flags;
  for (const auto& [kind, message] : unacknowledged) {
    list += "\n  " + std::string(kind_name(kind)) + ": " + message;
    std::string flag = "--allow " + std::string(kind_name(kind));
    if (flags.find(flag) == std::string::npos) flags += (flags.empty() ? "" : " ") + flag;
  }
  if (!list.empty())
    throw UsageError("the revision has hazards that need acknowledging; nothing was written:" + list +
                     "\nif they are meant, run create again with " + flags +
                     " (it writes `-- strata:allow` lines into the header)");
}

// Runs the plan's pre-checks on the database it was planned against (in a
// read-only transaction of its own), reports them as warnings and in
// `result`, and refuses a NOT NULL column without a default on a table that
// has rows: that revision could never apply there.
void run_create_prechecks(const Context& ctx, db::Connection& conn,
                          const std::vector<revision::Precheck>& checks, CreateResult& result) {
  auto outcomes = apply::run_prechecks(conn, checks, std::chrono::milliseconds{0}, std::chrono::milliseconds{0},
                                       /*in_transaction=*/false);
  std::string refusal;
  for (const auto& o : outcomes) {
    result.prechecks.push_back({o.check.kind, o.check.description, o.ran, o.failing, o.samples});
    if (!o.ran)
      ctx.log->warn("pre-check: not checked: {}", o.check.description);
    else if (o.failed())
      ctx.log->warn("pre-check: {}: {}: {} on this database; `strata apply` refuses the revision where rows "
                    "like these exist",
                    o.check.kind, o.check.description, apply::describe_rows(o));
    if (o.failed() && o.check.kind == "has-rows")
      refusal += "\n  " + o.check.description + ": " + apply::describe_rows(o);
  }
  if (!refusal.empty())
    throw Error("refusing to write a revision that cannot apply to a table with rows:" + refusal +
                "\nfix it in the models, either way:\n"
                "  - give the column a default (`default: ...`), which fills the existing rows; or\n"
                "  - add it with `nullable: true`, create and apply that revision, fill the column "
                "(`strata create --empty \"Backfill ...\"` with an UPDATE), then set `nullable: false`\n"
                "nothing was written");
}

// Proves `rev`: on the replayed shadow (--from-head: `head_start` is its
// catalog), else on a shadow copy of the target, else (no shadow) in a
// rolled-back transaction on the target. Sets result.proof_site.
std::vector<ProofStep> prove(const Project& project, const ShadowServer& shadows, std::optional<Replay>& replay,
                             const model::Schema* head_start, db::Connection& target, const model::Schema& desired,
                             const model::SourceMap& where, const revision::Revision& rev, CreateResult& result) {
  ProofScripts scripts{rev.up_sql, rev.down_sql, project.relative(rev.up_path), project.relative(rev.down_path)};
  if (head_start) {
    result.proof_site = "shadow database " + replay->db->name();
    return prove_revision(project, replay->db->connection(), desired, where, *head_start, scripts,
                          ProofSite::kShadow);
  }
  replay.reset();  // dropped before the next one is made
  if (shadows.options) {
    std::unique_ptr<shadow::ShadowDatabase> copy;
    try {
      copy = copy_target(project, shadows, target);
    } catch (const Error& e) {
      auto* db = dynamic_cast<const DatabaseError*>(&e);
      if (shadows.configured || (db && db->kind() == DatabaseError::Kind::kUnreachable)) throw;
      result.no_shadow_reason = std::string("the catalog could not be copied into a shadow database: ") + e.what();
    }
    if (copy) {
      result.proof_site = "shadow database " + copy->name();
      model::Schema start = project.inspect(copy->connection(), true).schema;
      auto steps =
          prove_revision(project, copy->connection(), desired, where, start, scripts, ProofSite::kShadow);
      copy->drop();
      return steps;
    }
  } else {
    result.no_shadow_reason = shadows.why_not;
  }
  result.proof_site = "rolled-back transaction on the target";
  project.log().warn("no shadow database ({}): proving in a rolled-back transaction on the target{}",
                     result.no_shadow_reason, shadows.options ? "" : ", drift not checked");
  target.execute("BEGIN");
  try {
    prepare_proof(project, target, desired);
    model::Schema start = project.inspect(target, false).schema;
    auto steps = prove_revision(project, target, desired, where, start, scripts, ProofSite::kRolledBack);
    target.execute("ROLLBACK");
    return steps;
  } catch (...) {
    try {
      target.execute("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

// Writes the revision that failed its proof under migrations/.failed/, where
// the store does not look; returns the line saying where.
std::string keep_failed(const Project& project, const revision::Revision& rev) {
  namespace fs = std::filesystem;
  fs::path dir = project.config().migrations_dir / ".failed";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + project.relative(dir) + " for --keep-failed: " + ec.message());
  fs::path up = dir / rev.up_path.filename(), down = dir / rev.down_path.filename();
  for (const auto& [path, text] : {std::pair{up, &rev.up_sql}, std::pair{down, &rev.down_sql}}) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << *text;
    out.close();
    if (!out) throw Error("cannot write " + project.relative(path) + " for --keep-failed");
  }
  return "the failing files are kept as " + project.relative(up) + " and " + project.relative(down);
}

}  // namespace

CreateResult create(const Context& ctx, const CreateOptions& options) {
  Project project(ctx);
  if (options.message.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("the revision needs a message, e.g. strata create \"Add user avatar field\"");
  // The message becomes a header line of the up file and part of its name.
  if (options.message.size() > 200)
    throw UsageError("the message is " + std::to_string(options.message.size()) +
                     " bytes long; keep it under 200 (a short summary of the change)");
  for (char c : options.message)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw UsageError("the message holds a control character (a line break or similar); "
                       "write it on one line");
  for (const auto& kind : options.allow)
    if (!lint::parse_kind(kind))
      throw UsageError("--allow: unknown hazard kind '" + kind + "'; known: " + lint::known_kinds());
  // Held from before the chain is read until the files are in place, so two
  // creates cannot both build on one head.
  revision::WriteLock lock = project.lock_migrations();
  auto open_linear_store = [&] {
    revision::Store store = project.open_store();
    if (auto problems = store.problems(); !problems.empty()) {
      std::string msg = "cannot add a revision while the chain is not linear:";
      for (const auto& p : problems) msg += "\n  " + p.message;
      throw UsageError(msg);
    }
    return store;
  };

  CreateResult result;
  result.message = options.message;
  result.dry_run = options.dry_run;
  result.empty = options.empty;
  auto finish = [&](revision::Store& store, const revision::Revision& rev) {
    result.id = rev.id;
    result.parent = rev.parent.value_or("");
    result.up_file = project.relative(rev.up_path);
    result.down_file = project.relative(rev.down_path);
    result.sql.up_sql = rev.up_sql;
    result.sql.down_sql = rev.down_sql;
    if (!options.dry_run) {
      store.write(rev);
      result.written = true;
      ctx.log->info("wrote {} and {}", result.up_file, result.down_file);
    }
  };

  if (options.empty) {
    revision::Store store = open_linear_store();
    revision::RevisionDraft draft;
    draft.message = options.message;
    draft.summary = kEmptySummary;
    draft.up_body = "\n-- Write the SQL that moves the database forward here.\n";
    draft.down_body = "-- Write the SQL that exactly undoes the up file here.\n";
    draft.allow = options.allow;
    finish(store, store.prepare(draft, std::chrono::system_clock::now()));
    return result;
  }

  model::SourceMap where;
  model::Schema desired = project.load_models(where);
  auto conn = project.connect();
  AuditScope audit(project, "create");
  try {
    // The applier's lock keeps revisions from being applied while we plan;
    // the chain is read under it.
    apply::Applier applier(*conn, project.applier_options());
    revision::Store store = open_linear_store();
    DatabaseState s = read_state(project, *conn, store, nullptr);
    s.applied = applier.state();
    s = read_state(project, *conn, store, &s.applied);
    if (!s.edited.empty()) {
      std::string msg = "applied revision files were edited; restore them first:";
      for (const auto& m : s.edited_messages) msg += "\n  " + m;
      throw UsageError(msg);
    }
    if (!s.unknown.empty())
      throw UsageError("the database has revision " + s.unknown.front() +
                       " applied, but migrations/ has no file for it; bring the file back first");
    if (!s.chain_note.empty()) throw UsageError(s.chain_note);
    if (!s.pending.empty())
      throw UsageError("the database is behind head: " + std::to_string(s.pending.size()) +
                       " pending revision(s), the next " + s.pending.front().id + "; run `strata apply" +
                       (s.out_of_order.empty() ? "" : " --out-of-order") +
                       "` first, so the new revision builds on head");

    // A shadow database for the drift check and the proof, when one can be had.
    ShadowServer shadows = find_shadow_server(project, *conn);
    std::optional<Replay> replay;
    if (shadows.options) {
      try {
        replay = replay_chain(project, *shadows.options,
                              s.current ? store.between(std::nullopt, *s.current) : std::vector<revision::Revision>{});
      } catch (const Error& e) {
        if (dynamic_cast<const DatabaseError*>(&e) &&
            static_cast<const DatabaseError&>(e).kind() == DatabaseError::Kind::kUnreachable)
          throw;
        result.drift_note = std::string("the applied revisions could not be replayed on a shadow database: ") + e.what();
      }
      if (!replay) ctx.log->warn("drift not checked: {}", result.drift_note);
    } else {
      result.drift_note = "no shadow database: " + shadows.why_not;
    }
    if (options.from_head && !replay)
      throw UsageError("--from-head plans from the applied revisions replayed on a shadow database; " +
                       result.drift_note);
    result.from_head = options.from_head;

    // Plan from the live catalog, or with --from-head from the replayed one.
    db::Connection& base = options.from_head ? replay->db->connection() : *conn;
    base.execute("BEGIN");
    prepare_proof(project, base, desired);
    auto start = project.inspect(base, false);
    diff::Plan plan = plan_from(project, base, start, desired, where);
    base.execute("ROLLBACK");
    if (replay && !options.from_head) {
      result.drift = drift_between(project, replay->db->connection(), start.schema, replay->schema);
      if (!result.drift.empty()) {
        std::string lines;
        for (const auto& d : result.drift) lines += "\n  " + d;
        ctx.log->warn("the database differs from what its applied revisions produce (replayed on a shadow "
                      "database); the revision is planned from the live database, so it also makes these "
                      "changes unless the models hold them:{}\n  (strata create --from-head plans from the "
                      "revisions instead)", lines);
      }
    }
    if (plan.empty()) {
      result.nothing_to_do = true;
      audit.finish(conn.get(), true, "no changes");
      return result;
    }
    codegen::RenderOptions render_options;
    render_options.online = options.online.value_or(project.config().online_plan);
    codegen::Rendered rendered = codegen::render(plan, render_options);
    result.sql.changes = rendered.change_lines;
    result.sql.hazards = rendered.hazard_lines;
    result.sql.plan = codegen::to_json(plan);
    check_generated_scripts(rendered.up_body, rendered.down_body);
    // On the dev database, which has the rows (the shadow has none).
    std::vector<revision::Precheck> prechecks = precheck::prechecks_for(plan, start.schema, desired);
    run_create_prechecks(ctx, *conn, prechecks, result);

    revision::RevisionDraft draft;
    draft.message = options.message;
    draft.summary = codegen::header_body(rendered);
    draft.up_body = rendered.up_body;
    draft.down_body = rendered.down_body;
    draft.prechecks = prechecks;
    draft.allow = options.allow;
    revision::Revision rev = store.prepare(draft, std::chrono::system_clock::now());
    result.proof = prove(project, shadows, replay, options.from_head ? &start.schema : nullptr, *conn, desired, where,
                         rev, result);
    for (const auto& step : result.proof) {
      if (step.ok) continue;
      std::string msg = "the revision failed its proof at step '" + step.step + "' (on a " + result.proof_site +
                        "): " + step.detail;
      if (options.keep_failed)
        msg += "\n" + keep_failed(project, rev) + "; nothing was written to migrations/";
      else
        msg += "\nnothing was written (strata create --keep-failed keeps the failing files aside to read)";
      throw Error(msg);
    }
    if (!options.dry_run) check_acknowledged(project, rev, &plan);

    finish(store, rev);
    audit.set_target(result.id);
    if (result.written) audit.touch(result.id);
    audit.finish(conn.get(), true, options.dry_run ? "dry run" : "written");
  } catch (const std::exception& e) {
    audit.fail(conn.get(), e);
    throw;
  }
  return result;
}

}  // namespace strata::app
