#include "app/commands.h"
#include "app/project.h"
#include "app/release_memory.h"
#include "codegen/render.h"
#include "core/error.h"

namespace strata::app {

DiffResult diff(const Context& ctx, std::optional<bool> online) {
  Project project(ctx);
  std::unique_ptr<db::Connection> conn;
  LivePlan live;
  model::SourceMap where;
  model::Schema desired = load_while_reading([&] { return project.load_models(where); },
                                             [&] {
                                               conn = project.connect();
                                               live.inspection = project.inspect(*conn, true);
                                             });
  release_freed_memory();
  live.plan = plan_from(project, *conn, std::move(live.inspection.schema), std::move(desired), where);
  DiffResult r;
  r.empty = live.plan.empty();
  r.unmanaged = live.inspection.unmanaged;
  if (r.empty) return r;
  codegen::RenderOptions render_options;
  render_options.online = online.value_or(project.config().online_plan);
  codegen::Rendered rendered = codegen::render(live.plan, render_options);
  r.sql.changes = rendered.change_lines;
  r.sql.hazards = rendered.hazard_lines;
  r.sql.up_sql = rendered.up_body;
  r.sql.down_sql = rendered.down_body;
  r.sql.plan = codegen::to_json(live.plan);
  return r;
}

}  // namespace strata::app
