#pragma once

// Internal to the YAML loader: the `domains:` section of a model file.

#include <string>

#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

// Reads one entry of `domains:` into ns.domains. Either a type name
// (`posint: integer`) or a mapping with `type` (required), `nullable`,
// `default`, `collation`, `checks` (name -> expression on VALUE) and
// `comment`. Problems are reported through `y` with their positions.
void read_domain(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e);

}  // namespace strata::model
