#pragma once

// A change of a plan as data for machines: which object, which attribute,
// and its value on each side. `status --json` and `check --json` report drift
// this way beside the one-line text of describe().

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diff/change.h"

namespace strata::codegen {

struct DriftItem {
  std::string change;  // the text line, as describe() writes it
  std::string object;  // "public.users", "public.users.email", "public.users_email_key"
  // schema, extension, enum, sequence, table, column, primary key, unique,
  // check, foreign key, exclusion, index, view, materialized view, comment
  // (for a comment, object names what it is on)
  std::string kind;
  // The attribute that differs: name, type, default, nullable, identity,
  // generated, labels, version, options, owned_by, logged, query, comment.
  // None when the object exists on one side only.
  std::optional<std::string> field;
  // The value in the database (current) and in the models (desired); none
  // where the object or the value is absent. For an object that exists on
  // one side only, that side holds its type (column), its labels (enum) or
  // "present".
  std::optional<std::string> current;
  std::optional<std::string> desired;
  bool operator==(const DriftItem&) const = default;
};

// {"change", "object", "kind", "field", "current", "desired"}, null where absent.
void to_json(nlohmann::json& j, const DriftItem& d);

// The items of one change: one per attribute an alteration touches (a
// column whose type and default change gives two), one for anything else.
std::vector<DriftItem> drift_items(const diff::Change& change);

}  // namespace strata::codegen
