#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::model {

// One attribute of a composite type, in declaration order.
struct CompositeAttribute {
  std::string name;
  // Canonical type name, as format_type() prints it (see Column::type).
  std::string type;
  std::optional<std::string> collation;  // only when not the type's default

  bool operator==(const CompositeAttribute&) const = default;
};

// CREATE TYPE name AS (attribute type [COLLATE c], ...): a stand-alone row
// type (not the row type every table and view has). Columns, domains and
// other composite types use it by its schema-qualified name.
struct CompositeType {
  std::string name;
  std::vector<CompositeAttribute> attributes;
  std::optional<std::string> comment;

  const CompositeAttribute* find_attribute(const std::string& n) const {
    for (const auto& a : attributes)
      if (a.name == n) return &a;
    return nullptr;
  }

  bool operator==(const CompositeType&) const = default;
};

}  // namespace strata::model
