#pragma once

// Internal to the YAML loader: the `collations:` section of a model file.

#include <string>

#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

// Reads one entry of `collations:` into ns.collations: a mapping with
// `provider` (libc, the default, or icu), `locale` or `lc_collate` and
// `lc_ctype` (libc only), `deterministic` and `comment`. Problems are
// reported through `y`.
void read_collation(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e);

}  // namespace strata::model
