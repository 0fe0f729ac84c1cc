#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::model {

// The result of canonicalizing a type as a user spelled it.
//
// `canonical` is the spelling PostgreSQL's format_type() prints when
// search_path holds only pg_catalog, so that a model read from YAML and one
// read from the catalog compare equal:
//   int, int4, integer          -> "integer"       (int2/smallint, int8/bigint alike)
//   float4, float(1..24)        -> "real";  float8, float, float(25..53) -> "double precision"
//   decimal(10,2), numeric(10)  -> "numeric(10,2)", "numeric(10,0)"
//   char, character(5)          -> "character(1)", "character(5)"
//   varchar(20)                 -> "character varying(20)"
//   timestamptz(3), timestamp(3) with time zone -> "timestamp(3) with time zone"
//   interval day to second(3)   -> "interval day to second(3)"
//   bit                         -> "bit(1)";  varbit(5) -> "bit varying(5)"
//   "char" (quoted)             -> "\"char\"" (the one-byte internal type)
//   int[], integer[][], _int4, integer array -> "integer[]" (one [] whatever
//                                  the dimensions, as format_type prints it)
//   serial, serial4             -> "serial" (pseudo type; also smallserial/serial2,
//                                  bigserial/serial8); arrays of serials are errors
//   user_role, App.Role         -> "<default_schema>.user_role", "app.role": any
//                                  other name is a user type, always qualified,
//                                  each part quoted as quote_ident() would
//                                  ("public.\"UserRole\"").
// Keywords are case-insensitive; unquoted names fold to lower case; quoted
// names keep their case. A quoted builtin catalog name ("int4") is the builtin.
// A name qualified with pg_catalog is looked up among the builtins only.
struct TypeName {
  std::string canonical;  // set when ok()
  std::string error;      // set when not ok(): "unknown type 'x' (did you mean 'y'?)", ...

  // For a user type: its schema and name (unquoted) and whether it is an
  // array; the caller checks that the type exists (see qualify_user_type).
  bool user_type = false;
  std::string user_schema;
  std::string user_name;
  bool array = false;

  bool ok() const { return error.empty(); }
};

// Canonicalizes `spelled` (e.g. "varchar(20)[]"). Unqualified user types are
// put in `default_schema`. Errors: malformed spelling, a modifier a type does
// not take or out of range (float(54), numeric(0), time(7)), a name that is
// neither builtin nor a plausible identifier.
TypeName canonical_type(std::string_view spelled, std::string_view default_schema);

// As above, for callers that know every user type there is: a user type must
// be one of `known_user_types` (canonical, unqualified arrays: "public.mood"),
// else the error is "unknown type 'x'" with a suggestion among the builtins
// and the known types ("unknown type 'bigitn' (did you mean 'bigint'?)").
// The YAML loader resolves user types itself (enums of every file, the
// public schema, extension types).
TypeName canonical_type(std::string_view spelled, std::string_view default_schema,
                        const std::vector<std::string>& known_user_types);

// The canonical spelling of a user type: "schema.name" (parts quoted as
// needed), with "[]" when `array`.
std::string qualify_user_type(std::string_view schema, std::string_view name, bool array);

// The type a pseudo serial type stands for ("serial" -> "integer",
// "bigserial" -> "bigint", "smallserial" -> "smallint"); any other type unchanged.
std::string serial_base_type(std::string_view canonical);

// True for "smallserial", "serial" and "bigserial".
bool is_serial_type(std::string_view canonical);

// The canonical type without its modifiers ("character varying(20)[]" ->
// "character varying[]", "timestamp(3) with time zone" -> "timestamp with time zone").
std::string strip_type_modifiers(std::string_view canonical);

// The first (which = 0) or second (which = 1) modifier of a type:
// "numeric(10,2)" -> 10 or 2, "character varying(20)" -> 20 or 0; -1 when
// the type has no modifier.
int type_modifier(const std::string& type, int which);

// Builtin type names as users commonly spell them, for did-you-mean suggestions.
const std::vector<std::string>& builtin_type_spellings();

}  // namespace strata::model
