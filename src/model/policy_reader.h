#pragma once

// Internal to the YAML loader: reads a table's row-level security keys
// (`row_level_security`, `force_row_level_security`, `policies`).

#include <map>
#include <string>

#include "model/table.h"
#include "model/yaml_fields.h"

namespace strata::model {

// The table keys read here, for the table's list of allowed keys.
extern const char* const kRowSecurityKeys[3];

// Reads the row-level security keys of `f` (the fields of table `t` of
// schema `schema`) into `t`. Every role a policy names is marked in the
// load context as loc_key("role", name) (its first mention).
void read_row_security(YamlFields& y, const std::string& schema,
                       std::map<std::string, YamlFields::Entry>& f, Table& t);

}  // namespace strata::model
