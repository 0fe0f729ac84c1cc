#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/constraint.h"
#include "model/privilege.h"

namespace strata::model {

// One argument of a function or procedure, as CREATE FUNCTION takes it.
struct FunctionArgument {
  std::string mode;  // "" (IN), "OUT", "INOUT" or "VARIADIC"
  std::string name;  // empty for an unnamed argument
  std::string type;  // canonical (function_type), without modifiers
  std::optional<std::string> default_expr;

  bool operator==(const FunctionArgument&) const = default;
};

// An object the catalog says depends on a function (pg_depend).
struct FunctionUser {
  std::string kind;    // "view", "default", "check" or "trigger"
  std::string schema;  // of the view or table
  std::string object;  // the view or table
  std::string part;    // the column, check or trigger; empty for a view
  bool operator==(const FunctionUser&) const = default;
};

// What depends on a function: filled by introspection only, used to drop and
// put back dependents around a function that must be dropped. Not part of
// the function's definition, so it never makes two functions differ.
struct FunctionUsers {
  std::vector<FunctionUser> users;
  bool operator==(const FunctionUsers&) const { return true; }
};

// A function or a procedure. Its key in Namespace::functions is signature():
// overloads share a name.
struct Function {
  std::string name;
  bool procedure = false;
  std::vector<FunctionArgument> arguments;
  // Canonical: "integer", "SETOF public.customer", "TABLE(a integer, b text)",
  // "trigger", "void". Empty for a procedure.
  std::string returns;
  std::string language = "sql";
  // The source text between the dollar quotes (pg_proc.prosrc, byte for
  // byte), or for a SQL-standard body ("RETURN ...", "BEGIN ATOMIC ... END")
  // that body as pg_get_functiondef prints it.
  std::string body;
  std::string volatility = "volatile";  // immutable | stable | volatile
  bool strict = false;
  bool security_definer = false;
  bool leakproof = false;
  std::string parallel = "unsafe";  // safe | restricted | unsafe
  std::optional<std::string> cost;  // a number, when not the language's default
  std::optional<std::string> rows;  // a number, when not the default
  std::map<std::string, std::string> settings;  // SET name TO value (proconfig)
  std::optional<std::string> comment;
  Access access;  // owner and grants (EXECUTE), when managed
  FunctionUsers used_by;

  // "name(type, type)": the name and the types of the arguments that are
  // inputs (IN, INOUT, VARIADIC), as PostgreSQL identifies a function.
  std::string signature() const;
  // "type, type": the part of signature() in parentheses.
  std::string identity_arguments() const;
  // True when the body is a SQL-standard one (RETURN / BEGIN ATOMIC).
  bool standard_body() const;

  bool operator==(const Function&) const = default;
};

// An aggregate (CREATE AGGREGATE), normal kind only.
struct Aggregate {
  std::string name;
  std::vector<std::string> arguments;  // canonical types of the aggregated arguments
  std::string sfunc;                   // function names as regproc prints them
  std::string stype;
  std::optional<std::string> finalfunc;
  bool finalfunc_extra = false;
  std::optional<std::string> combinefunc;
  std::optional<std::string> serialfunc;
  std::optional<std::string> deserialfunc;
  std::optional<std::string> initcond;
  std::optional<std::string> sortop;
  std::string parallel = "unsafe";
  std::optional<std::string> comment;

  std::string signature() const;

  bool operator==(const Aggregate&) const = default;
};

// A trigger of a table. Its function is named schema-qualified
// ("public.last_updated"), or bare for pg_catalog's
// ("tsvector_update_trigger").
struct Trigger {
  std::string name;
  std::string timing = "before";  // before | after | instead of
  // In PostgreSQL's order: insert, delete, update, truncate.
  std::vector<std::string> events;
  std::vector<std::string> update_of;  // columns of UPDATE OF
  bool for_each_row = false;
  std::optional<std::string> when;
  std::string function;
  std::vector<std::string> arguments;
  std::optional<std::string> old_table;  // REFERENCING OLD TABLE AS
  std::optional<std::string> new_table;  // REFERENCING NEW TABLE AS
  std::string enabled = "origin";        // origin | disabled | replica | always
  bool constraint = false;               // CREATE CONSTRAINT TRIGGER
  Deferral deferral;
  std::optional<std::string> comment;

  bool operator==(const Trigger&) const = default;
};

// The canonical spelling of a type in a function's signature or result:
// canonical_type() without modifiers (PostgreSQL keeps none), or a pseudo
// type ("trigger", "void", "anyelement", ...) as it is. Sets `error` and
// returns "" when the spelling is not a type.
std::string function_type(std::string_view spelled, std::string_view schema, std::string* error);

// Reads one argument as CREATE FUNCTION and pg_get_function_arguments spell
// it: "[IN|OUT|INOUT|VARIADIC] [name] type [DEFAULT expr | = expr]". The type
// is made canonical in `schema`. Sets `error` (and returns nullopt) when it
// cannot be read.
std::optional<FunctionArgument> parse_function_argument(std::string_view text,
                                                        std::string_view schema,
                                                        std::string* error);

// `text` split at its top-level commas (outside parentheses, brackets and
// quotes), each part trimmed; empty text gives no parts.
std::vector<std::string> split_top_level(std::string_view text);

// The canonical form of a result type: "SETOF <type>", "TABLE(<name type>,
// ...)" or a type, each type canonical. Sets `error` when it cannot be read.
std::string canonical_returns(std::string_view text, std::string_view schema, std::string* error);

// The result a function without RETURNS gets from its OUT arguments: the
// one OUT type, "record" for several, "" when there are none.
std::string implied_returns(const std::vector<FunctionArgument>& arguments);

// A number as the catalog prints a float4 (procost, prorows): "100", "0.5".
std::string canonical_number(std::string_view text);

// "origin", "disabled", "replica", "always" from pg_trigger.tgenabled.
std::string trigger_enabled_name(char tgenabled);

}  // namespace strata::model
