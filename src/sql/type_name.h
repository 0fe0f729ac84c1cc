#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

// A type name as PostgreSQL's grammar reads it (the TypeName node of
// `SELECT NULL::<type>`). Keywords are resolved by the grammar: `integer`
// and `int` give {"pg_catalog", "int4"}, `varchar(20)` gives
// {"pg_catalog", "varchar"} with typmods {"20"}, while a plain identifier
// such as `int4` or `user_role` stays as written (folded to lower case).
struct TypeName {
  std::vector<std::string> names;    // qualified name parts
  std::vector<std::string> typmods;  // modifiers as written: "10", "2"; interval field masks as numbers
  int array_dimensions = 0;          // number of [] / ARRAY suffixes
  bool setof = false;
  bool pct_type = false;             // table.column%TYPE

  bool operator==(const TypeName&) const = default;
};

// Parses `text` as a type name. Returns nullopt when it is not exactly one
// type name.
std::optional<TypeName> parse_type_name(std::string_view text);

// A canonical key for a type: "pg_catalog" dropped, the internal name of a
// built-in type kept ("int4", "varchar", "timestamptz", "bpchar"...), a
// one-part name that is not a built-in qualified with `default_schema`,
// typmods in parentheses, "[]" per dimension. Two spellings of one type give
// one key: "integer", "int", "int4" and "pg_catalog.int4" all give "int4";
// "user_role" (default_schema "public") and "public.user_role" give
// "public.user_role". Not the format_type() spelling: for comparison only.
std::string type_key(const TypeName& type, std::string_view default_schema = "public");

// type_key of parse_type_name(text); nullopt when `text` does not parse.
std::optional<std::string> type_key(std::string_view text,
                                    std::string_view default_schema = "public");

}  // namespace strata::sql
