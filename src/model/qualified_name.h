#pragma once

#include <compare>
#include <string>

namespace strata::model {

// A schema-qualified object name, e.g. public.users. Names are stored exactly
// as PostgreSQL stores them (unquoted, case preserved).
struct QualifiedName {
  std::string schema = "public";
  std::string name;

  // "schema.name" without quoting; for messages and map keys, never for SQL.
  std::string str() const { return schema + "." + name; }

  auto operator<=>(const QualifiedName&) const = default;
  bool operator==(const QualifiedName&) const = default;
};

}  // namespace strata::model
