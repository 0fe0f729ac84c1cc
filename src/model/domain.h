#pragma once

#include <map>
#include <optional>
#include <string>

namespace strata::model {

// CREATE DOMAIN: a base type with a default, NOT NULL, a collation and named
// checks. Columns use it by its schema-qualified name, as any user type.
struct Domain {
  std::string name;
  // Canonical name of the base type, as format_type() prints it ("integer",
  // "character varying(20)", "public.mood").
  std::string type;
  std::optional<std::string> default_expr;
  bool nullable = true;                    // false: NOT NULL
  std::optional<std::string> collation;    // only when not the base type's
  // Check name -> its expression on VALUE, without "CHECK (...)" ("VALUE > 0").
  std::map<std::string, std::string> checks;
  std::optional<std::string> comment;

  bool operator==(const Domain&) const = default;
};

}  // namespace strata::model
