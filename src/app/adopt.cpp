#include "app/adopt.h"

#include <algorithm>
#include <fstream>
#include <optional>

#include "app/project.h"
#include "app/revision_proof.h"
#include "codegen/render.h"
#include "core/error.h"
#include "model/yaml_loader.h"
#include "model/yaml_writer.h"

namespace strata::app {

namespace fs = std::filesystem;

namespace {

void check_message(const std::string& message) {
  if (message.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("--message is empty; the baseline needs a message (e.g. \"Baseline from production\")");
  if (message.size() > 200)
    throw UsageError("--message is " + std::to_string(message.size()) + " bytes long; keep it under 200");
  for (char c : message)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw UsageError("--message holds a control character (a line break or similar); write it on one line");
}

// Model files under schema/ other than the untouched placeholder of `init`,
// as the loader would find them.
std::vector<fs::path> existing_models(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (name.starts_with('.')) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    std::string ext = it->path().extension().string();
    if (!it->is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    if (!is_init_placeholder(it->path())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Files written so far, removed again when a later step fails.
class Undo {
 public:
  ~Undo() {
    if (done_) return;
    std::error_code ec;
    for (auto it = written_.rbegin(); it != written_.rend(); ++it) fs::remove(*it, ec);
    for (const auto& [path, text] : replaced_) {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << text;
    }
  }
  void written(fs::path p) { written_.push_back(std::move(p)); }
  void replaced(fs::path p, std::string text) { replaced_.emplace_back(std::move(p), std::move(text)); }
  void keep() { done_ = true; }

 private:
  std::vector<fs::path> written_;
  std::vector<std::pair<fs::path, std::string>> replaced_;
  bool done_ = false;
};

void write_atomically(const fs::path& target, const std::string& text) {
  fs::create_directories(target.parent_path());
  fs::path tmp = target;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    f.flush();
    if (!f) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, target);
}

// Down must leave nothing of the managed schemas behind (the built-in
// `public` stays, empty).
bool leaves_nothing(const Project& project, db::Connection& conn, const std::string& down_sql, ProofStep& step,
                    model::Schema& after) {
  try {
    conn.execute(down_sql);
  } catch (const DatabaseError& e) {
    if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
    step.ok = false;
    step.detail = std::string("the SQL failed: ") + e.what();
    return false;
  }
  after = project.inspect(conn, false).schema;
  diff::Plan rest = diff::plan(after, model::Schema{}, project.diff_options());
  if (rest.empty()) return true;
  step.ok = false;
  step.detail = "the database is not empty after down: " + codegen::describe(rest.steps.front().change) +
                " would still be needed";
  return false;
}

}  // namespace

void to_json(nlohmann::json& j, const AdoptResult& r) {
  j = nlohmann::json{{"revision", r.revision}, {"up_file", r.up_file}, {"down_file", r.down_file},
                     {"models", r.models},     {"counts", r.counts},   {"summary", r.summary},
                     {"unmanaged", r.unmanaged}, {"changes", r.changes}, {"proof", r.proof}};
}

AdoptResult adopt(const Context& ctx, const AdoptOptions& options) {
  Project project(ctx);
  const Config& c = project.config();
  check_message(options.message);

  // Held until the revision is written, so no `create` builds beside it.
  revision::WriteLock lock = project.lock_migrations();
  revision::Store store = project.open_store();
  if (!store.empty())
    throw UsageError(project.relative(c.migrations_dir) + "/ already holds " +
                     std::to_string(store.revisions().size()) +
                     " revision(s); adopt starts a project from a database without them. If these revisions "
                     "describe the database, mark it with `strata stamp REVISION` instead; otherwise move "
                     "them away first");
  if (auto models = existing_models(c.schema_dir); !models.empty()) {
    std::string list;
    for (const auto& m : models) list += (list.empty() ? "" : ", ") + project.relative(m);
    throw UsageError(project.relative(c.schema_dir) + "/ already holds models (" + list +
                     "); adopt writes the models from the database. Move them away first, or, if they "
                     "describe the database, write a first revision with `strata create` instead");
  }

  auto conn = project.connect();
  AuditScope audit(project, "adopt");
  AdoptResult result;
  Undo undo;
  bool in_transaction = false;
  try {
    apply::Applier applier(*conn, project.applier_options());
    auto applied = applier.state();
    if (!applied.empty())
      throw UsageError("the database is already managed by Strata: revision " + applied.back().revision +
                       " is recorded in strata.revisions (" + std::to_string(applied.size()) +
                       " in all); bring back the migrations/ folder that goes with it instead of adopting");

    auto inspection = project.inspect(*conn, true);
    result.counts = count_objects(inspection.schema);
    result.summary = summary_line(inspection.schema);
    result.unmanaged = inspection.unmanaged;

    // The models as they will be read back from their files.
    auto files = model::save_files(inspection.schema, options.split);
    std::vector<model::SourceFile> sources;
    for (const auto& [path, text] : files)
      sources.push_back({project.relative(c.schema_dir / path), text});
    model::SourceMap where;
    model::Schema desired = model::load_sources(sources, where);

    diff::Plan plan = diff::plan(model::Schema{}, desired, project.diff_options());
    if (plan.empty())
      throw UsageError("the managed schemas hold nothing to adopt; write models under " +
                       project.relative(c.schema_dir) + "/ and run `strata create` instead");
    codegen::Rendered rendered = codegen::render(plan);
    result.changes = rendered.change_lines;
    check_generated_scripts(rendered.up_body, rendered.down_body);

    // The proof, rolled back: nothing of it stays.
    conn->execute("BEGIN");
    in_transaction = true;
    auto lock_timeout = project.applier_options().lock_timeout.count();
    if (lock_timeout > 0) conn->execute("SET LOCAL lock_timeout = " + std::to_string(lock_timeout));
    prepare_proof(project, *conn, desired);
    LivePlan live = plan_live(project, *conn, desired, where, /*own_transaction=*/false);
    if (!live.plan.empty())
      throw Error("the models read from the database do not describe it exactly: " +
                  codegen::describe(live.plan.steps.front().change) +
                  " would still be needed; nothing was written");
    result.proof.push_back(ProofStep{"down from the database", true, ""});
    model::Schema empty_start;
    if (leaves_nothing(project, *conn, rendered.down_body, result.proof.back(), empty_start)) {
      auto steps = prove_revision(project, *conn, desired, where, empty_start,
                                  ProofScripts{rendered.up_body, rendered.down_body}, ProofSite::kRolledBack);
      result.proof.insert(result.proof.end(), steps.begin(), steps.end());
    }
    conn->execute("ROLLBACK");
    in_transaction = false;
    for (const auto& step : result.proof)
      if (!step.ok)
        throw Error("the baseline failed its proof at step '" + step.step + "': " + step.detail +
                    "; nothing was written");

    revision::RevisionDraft draft;
    draft.message = options.message;
    draft.summary = codegen::header_body(rendered);
    draft.up_body = rendered.up_body;
    draft.down_body = rendered.down_body;
    revision::Revision rev = store.prepare(draft, std::chrono::system_clock::now());

    // Files: the models, then the revision; then the stamp.
    for (const auto& [path, text] : files) {
      fs::path target = c.schema_dir / path;
      if (fs::exists(target)) {
        if (!is_init_placeholder(target))
          throw UsageError(project.relative(target) + " exists and is not a model file adopt may replace; move it "
                           "away and adopt again (nothing was written)");
        undo.replaced(target, init_placeholder_model());
      } else {
        undo.written(target);
      }
      write_atomically(target, text);
      result.models.push_back(project.relative(target));
    }
    store.write(rev);
    undo.written(rev.up_path);
    undo.written(rev.down_path);
    applier.stamp({rev});
    undo.keep();

    result.revision = rev.id;
    result.up_file = project.relative(rev.up_path);
    result.down_file = project.relative(rev.down_path);
    audit.set_target(rev.id);
    audit.touch(rev.id);
    audit.finish(conn.get(), true, result.summary);
    ctx.log->info("adopted the database at {}", rev.id);
  } catch (const std::exception& e) {
    if (in_transaction) {
      try {
        conn->execute("ROLLBACK");
      } catch (const std::exception&) {
      }
    }
    audit.fail(conn.get(), e);
    throw;
  }
  return result;
}

}  // namespace strata::app
