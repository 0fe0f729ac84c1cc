#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::model {

// The privileges one grantee holds on an object: privilege in upper case
// ("SELECT") -> true when WITH GRANT OPTION.
using PrivilegeSet = std::map<std::string, bool>;

// Owner and grants of an object (schema, table, view, sequence, type). Read
// and compared only when the project manages them (`manage: [owners,
// privileges]` in strata.yaml); otherwise both sides leave them empty.
struct Access {
  std::optional<std::string> owner;  // unset: the models do not say
  // By grantee: a role name, or "public" for PUBLIC. The owner's own
  // privileges are not listed. Empty: nothing granted to anyone else.
  std::map<std::string, PrivilegeSet> grants;

  bool operator==(const Access&) const = default;
};

// The kinds of object privileges are granted on, as GRANT ... ON <kind>.
enum class PrivilegeObject { kSchema, kTable, kSequence, kType, kFunction };

// The privileges PostgreSQL knows for objects of `kind`, upper case, in the
// order GRANT lists them (MAINTAIN, PostgreSQL 17, is not among them).
const std::vector<std::string>& known_privileges(PrivilegeObject kind);

}  // namespace strata::model
