#include <fstream>

#include "app/commands.h"
#include "app/project.h"
#include "core/error.h"
#include "model/yaml_writer.h"

namespace strata::app {

namespace fs = std::filesystem;

InspectResult inspect(const Context& ctx, const InspectOptions& options) {
  Project project(ctx);
  if (options.out) {
    std::error_code ec;
    if (fs::exists(*options.out, ec) && !fs::is_directory(*options.out, ec))
      throw UsageError("--out " + options.out->string() +
                       " is a file; --out names a folder to write the models into (or - for stdout)");
  }
  auto conn = project.connect();
  auto inspection = project.inspect(*conn, true);
  InspectResult r;
  r.counts = count_objects(inspection.schema);
  r.summary = summary_line(inspection.schema);
  r.unmanaged = inspection.unmanaged;
  auto files = model::save_files(inspection.schema, options.split);

  if (!options.out) {
    for (const auto& [path, text] : files) {
      if (files.size() > 1) r.yaml += "# " + path.string() + "\n";
      r.yaml += text;
      if (files.size() > 1) r.yaml += "---\n";
    }
    return r;
  }
  // Write everything beside the target first, then move it in, so a failure
  // leaves no half-written folder of models.
  fs::path out = fs::absolute(*options.out);
  for (const auto& [path, text] : files) {
    // The placeholder `init` wrote is replaced; any other file is a model.
    if (fs::exists(out / path) && !is_init_placeholder(out / path))
      throw UsageError((out / path).string() + " exists; inspect never overwrites (choose an empty --out folder)");
  }
  for (const auto& [path, text] : files) {
    fs::path target = out / path;
    fs::create_directories(target.parent_path());
    fs::path tmp = target;
    tmp += ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f << text;
      if (!f) throw Error("cannot write " + tmp.string());
    }
    fs::rename(tmp, target);
    r.files.push_back(project.relative(target));
  }
  return r;
}

}  // namespace strata::app
