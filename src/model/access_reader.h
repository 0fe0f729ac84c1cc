#pragma once

// Internal to the YAML loader: reads the `owner` and `grants` keys of a
// schema, table, view, sequence or enum.

#include <map>
#include <optional>
#include <string>

#include "model/privilege.h"
#include "model/yaml_fields.h"

namespace strata::model {

// The keys read here, for the allowed-key lists of the objects that have them.
extern const char* const kAccessKeys[2];

// Reads `owner` and `grants` of `f` (the fields of an object of `kind`) into
// `a`. Grants are {grantee: [privilege, ...]}, a privilege written as
// "select" or "select with grant option" (any case); "public" is PUBLIC.
// Every role named is marked in the load context as loc_key("role", name).
void read_access(YamlFields& y, std::map<std::string, YamlFields::Entry>& f, PrivilegeObject kind,
                 Access& a);

// A role named at `at` (a grantee, an owner, a policy role): "public" in
// any case is PUBLIC, given as "public"; any other name must be a valid
// identifier (else reported, nullopt) and is marked as loc_key("role", name)
// for the missing-role check.
std::optional<std::string> read_role(YamlFields& y, const YamlNode& at, const std::string& name);

// The key list `keys` with kAccessKeys added.
std::vector<std::string> with_access_keys(std::vector<std::string> keys);

}  // namespace strata::model
