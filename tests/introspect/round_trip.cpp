#include "introspect/round_trip.h"

#include "model/yaml_loader.h"
#include "model/yaml_writer.h"

namespace strata::introspect::testing {
namespace {

model::Schema load(const model::Schema& schema, bool split) {
  std::vector<model::SourceFile> sources;
  for (const auto& [path, text] : model::save_files(schema, split))
    sources.push_back({path.string(), text});
  return model::load_sources(sources);
}

}  // namespace

model::Schema yaml_round_trip(const model::Schema& schema, model::Schema* split) {
  if (split) *split = load(schema, true);
  return load(schema, false);
}

}  // namespace strata::introspect::testing
