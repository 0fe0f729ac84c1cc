#include "app/commands.h"
#include "app/project.h"
#include "app/revision_lint.h"
#include "app/revision_proof.h"
#include "codegen/render.h"
#include "core/error.h"
#include "introspect/server_oracle.h"

namespace strata::app {

namespace {

const char* kEmptySummary =
    "-- changes: written by hand\n"
    "-- hazards: review by hand\n";

// Refuses a revision whose up file has a hazard the project requires
// acknowledging and the revision does not allow, naming the flag to pass.
void check_acknowledged(const Project& project, const revision::Revision& rev) {
  auto findings = lint::lint_text(rev.up_sql, project.relative(rev.up_path),
                                  acknowledged_kinds(project.config()));
  std::string list, flags;
  for (const auto& f : findings) {
    if (!f.error) continue;
    list += "\n  " + std::string(lint::kind_name(f.kind)) + ": " + f.message;
    std::string flag = "--allow " + std::string(lint::kind_name(f.kind));
    if (flags.find(flag) == std::string::npos) flags += (flags.empty() ? "" : " ") + flag;
  }
  if (!list.empty())
    throw UsageError("the revision has hazards that need acknowledging; nothing was written:" + list +
                     "\nif they are meant, run create again with " + flags +
                     " (it writes `-- strata:allow` lines into the header)");
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

  model::Schema desired = project.load_models();
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
                       " pending revision(s), the next " + s.pending.front().id +
                       "; run `strata apply` first, so the new revision builds on head");

    conn->execute("BEGIN");
    prepare_proof(project, *conn, desired);
    auto start = project.inspect(*conn, false);
    introspect::ServerOracle oracle(*conn);
    diff::Plan plan = diff::plan(start.schema, desired, project.diff_options(), &oracle);
    if (plan.empty()) {
      conn->execute("ROLLBACK");
      result.nothing_to_do = true;
      audit.finish(conn.get(), true, "no changes");
      return result;
    }
    codegen::Rendered rendered = codegen::render(plan);
    result.sql.changes = rendered.change_lines;
    result.sql.hazards = rendered.hazard_lines;
    result.sql.plan = codegen::to_json(plan);

    check_generated_scripts(rendered.up_body, rendered.down_body);
    result.proof = prove_revision(project, *conn, desired, start.schema, rendered.up_body, rendered.down_body);
    conn->execute("ROLLBACK");
    for (const auto& step : result.proof) {
      if (!step.ok)
        throw Error("the revision failed its proof at step '" + step.step + "': " + step.detail +
                    "; nothing was written");
    }

    revision::RevisionDraft draft;
    draft.message = options.message;
    draft.summary = codegen::header_body(rendered);
    draft.up_body = rendered.up_body;
    draft.down_body = rendered.down_body;
    draft.allow = options.allow;
    revision::Revision rev = store.prepare(draft, std::chrono::system_clock::now());
    if (!options.dry_run) check_acknowledged(project, rev);
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
