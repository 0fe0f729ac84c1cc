#pragma once

// Internal to the YAML loader: the `composite_types:` section of a model file.

#include <string>

#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

// Reads one entry of `composite_types:` into ns.composite_types: a mapping
// with `attributes` (required; name -> type, or {type, collation}, in
// document order) and `comment`. Problems are reported through `y`.
void read_composite_type(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e);

}  // namespace strata::model
