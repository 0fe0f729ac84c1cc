#include <fstream>

#include "app/commands.h"
#include "app/project.h"
#include "apply/applied_revision.h"
#include "apply/local_server.h"
#include "core/error.h"

namespace strata::app {

namespace fs = std::filesystem;

namespace {

apply::LocalServer local_server(const Project& project) {
  apply::LocalServerOptions options;
  options.root = project.config().local_dir;
  options.tools = project.tool_options();
  return apply::LocalServer(options);
}

LocalResult describe(const apply::LocalServerStatus& st) {
  LocalResult r;
  r.running = st.running;
  r.url = st.url;
  r.data_dir = st.data_dir.string();
  if (!st.initialized) r.note = "not initialized yet (`strata local start` creates it)";
  return r;
}

const char* const kPlaceholderModel = R"(# Models: any number of YAML files in this folder; they are merged.
# See the documentation for every key. Example:
#
# tables:
#   users:
#     columns:
#       id:    {type: bigint, identity: always, primary_key: true}
#       email: {type: text, nullable: false, unique: true}
schema: public
)";

}  // namespace

std::string init_placeholder_model() { return kPlaceholderModel; }

bool is_init_placeholder(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  if (fs::file_size(file, ec) != std::string_view(kPlaceholderModel).size()) return false;
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text == kPlaceholderModel;
}

InitResult init(const Context& ctx) {
  Project project(ctx);
  const Config& c = ctx.config;
  InitResult r;
  auto make_file = [&](const fs::path& path, const std::string& text) {
    if (fs::exists(path)) {
      r.kept.push_back(project.relative(path));
      return;
    }
    fs::create_directories(path.parent_path());
    // Write then rename, so a crash never leaves half a file.
    fs::path tmp = path;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out) throw Error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
    r.created.push_back(project.relative(path));
  };
  auto make_dir = [&](const fs::path& dir) {
    if (fs::exists(dir)) {
      r.kept.push_back(project.relative(dir) + "/");
      return;
    }
    fs::create_directories(dir);
    r.created.push_back(project.relative(dir) + "/");
  };

  make_file(c.file.empty() ? c.root / "strata.yaml" : c.file, default_config_text());
  bool had_schema = fs::exists(c.schema_dir);
  make_dir(c.schema_dir);
  if (!had_schema) make_file(c.schema_dir / "public.yaml", init_placeholder_model());
  make_dir(c.migrations_dir);
  make_dir(c.backups_dir);
  fs::path ignore = c.root / ".gitignore";
  if (!fs::exists(ignore)) make_file(ignore, ".strata/\nlogs/\nbackups/\n");

  try {
    auto conn = project.connect();
    apply::ensure_strata_schema(*conn);
    r.database_ready = true;
    AuditScope audit(project, "init");
    audit.finish(conn.get(), true, std::to_string(r.created.size()) + " paths created");
  } catch (const DatabaseError& e) {
    r.database_note = e.what();
  } catch (const Error& e) {
    r.database_note = e.what();
  }
  return r;
}

LocalResult local_start(const Context& ctx) {
  Project project(ctx);
  auto server = local_server(project);
  server.start();
  return describe(server.status());
}

LocalResult local_stop(const Context& ctx) {
  Project project(ctx);
  auto server = local_server(project);
  bool was = server.stop();
  LocalResult r = describe(server.status());
  r.note = was ? "stopped" : "was not running";
  return r;
}

LocalResult local_status(const Context& ctx) {
  Project project(ctx);
  return describe(local_server(project).status());
}

}  // namespace strata::app
