#include <algorithm>

#include "app/commands.h"
#include "app/project.h"
#include "apply/backup.h"
#include "core/error.h"

namespace strata::app {

namespace fs = std::filesystem;

BackupResult backup(const Context& ctx) {
  Project project(ctx);
  auto conn = project.connect();
  AuditScope audit(project, "backup");
  BackupResult r;
  try {
    auto current = apply::current_revision(apply::read_applied(*conn));
    r.revision = current.value_or("");
    for (const auto& f : apply::sweep_stale_temps(ctx.config.backups_dir)) {
      r.swept.push_back(project.relative(f));
      ctx.log->debug("removed {}, left by an interrupted backup", r.swept.back());
    }
    auto info = apply::backup(project.database_url(), ctx.config.backups_dir, current, project.tool_options());
    r.file = project.relative(info.file);
    r.sidecar = project.relative(info.sidecar);
    for (const auto& f : apply::prune_backups(ctx.config.backups_dir, ctx.config.backups_keep))
      r.removed.push_back(project.relative(f));
    audit.set_target(r.file);
    audit.finish(conn.get(), true);
  } catch (const std::exception& e) {
    audit.finish(conn.get(), false, e.what());
    throw;
  }
  return r;
}

RestoreResult restore(const Context& ctx, const fs::path& file, bool yes, bool verify) {
  Project project(ctx);
  RestoreResult r;
  r.schemas = ctx.config.schemas;
  if (!r.schemas.empty() && std::find(r.schemas.begin(), r.schemas.end(), "strata") == r.schemas.end())
    r.schemas.push_back("strata");
  if (!yes) {
    std::string which = "every schema of the database";
    if (!r.schemas.empty()) {
      which = "schemas";
      for (std::size_t i = 0; i < r.schemas.size(); ++i) which += (i ? ", " : " ") + r.schemas[i];
    }
    throw UsageError("restore replaces " + which +
                     " with the backup's (objects created since are lost); run again with --yes to confirm");
  }
  fs::path path = file.is_absolute() ? file : fs::absolute(file);
  if (!fs::exists(path)) {
    // Also accept a name relative to backups/.
    fs::path in_backups = ctx.config.backups_dir / file;
    if (fs::exists(in_backups)) path = in_backups;
    else throw UsageError("backup file " + file.string() + " does not exist");
  }
  auto conn = project.connect();
  AuditScope audit(project, "restore", project.relative(path));
  r.file = project.relative(path);
  try {
    // Keep the lock so no applier runs while the catalog is being replaced.
    {
      apply::Applier applier(*conn, project.applier_options());
      apply::RestoreOptions options;
      options.schemas = ctx.config.schemas;
      options.lock_timeout = std::chrono::milliseconds(ctx.config.lock_timeout_ms);
      options.verify = verify;
      options.tools = project.tool_options();
      apply::restore(project.database_url(), path, options);
    }
    audit.finish(conn.get(), true);
  } catch (const std::exception& e) {
    audit.finish(conn.get(), false, e.what());
    throw;
  }
  r.status = status(ctx);
  return r;
}

}  // namespace strata::app
