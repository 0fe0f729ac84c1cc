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

RestoreResult restore(const Context& ctx, const fs::path& file, bool yes) {
  Project project(ctx);
  if (!yes)
    throw UsageError("restore replaces the database's objects with the backup's; run again with --yes to confirm");
  fs::path path = file.is_absolute() ? file : fs::absolute(file);
  if (!fs::exists(path)) {
    // Also accept a name relative to backups/.
    fs::path in_backups = ctx.config.backups_dir / file;
    if (fs::exists(in_backups)) path = in_backups;
    else throw UsageError("backup file " + file.string() + " does not exist");
  }
  auto conn = project.connect();
  AuditScope audit(project, "restore", project.relative(path));
  RestoreResult r;
  r.file = project.relative(path);
  try {
    // Keep the lock so no applier runs while the catalog is being replaced.
    {
      apply::Applier applier(*conn, project.applier_options());
      apply::restore(project.database_url(), path, project.tool_options());
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
