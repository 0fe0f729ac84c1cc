#pragma once

#include <map>
#include <string>

namespace strata::model {

// REPLICA IDENTITY of a table. `index` names the index (in the table's
// schema) when kind is kIndex.
struct ReplicaIdentity {
  enum class Kind { kDefault, kFull, kNothing, kIndex };
  Kind kind = Kind::kDefault;
  std::string index;

  bool operator==(const ReplicaIdentity&) const = default;
};

// Storage parameters (WITH (fillfactor=70, autovacuum_enabled=off)), by
// lower-case name; values as written (the server keeps them so).
using StorageParameters = std::map<std::string, std::string>;

// The storage a column of canonical `type` gets when none is set: "main"
// for numeric, inet and cidr, "plain" for the built-in fixed-length types,
// "extended" for the others (user and extension types included: a model
// sets their storage only when it differs from "extended").
std::string default_storage(const std::string& type);

}  // namespace strata::model
