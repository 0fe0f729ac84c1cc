#pragma once

// Internal to the YAML loader: the `text_search_configurations:` section of
// a model file.

#include <string>

#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

// Reads one entry of `text_search_configurations:` into
// ns.text_search_configs: a mapping with `parser` (default: default),
// `mappings` (token type -> dictionary or list of dictionaries) and
// `comment`. Names in pg_catalog are kept bare ("pg_catalog." dropped).
void read_text_search_config(YamlFields& y, Namespace& ns, const std::string& name,
                             const YamlFields::Entry& e);

}  // namespace strata::model
