#pragma once

#include <string>
#include <string_view>

namespace strata::sql {

// What an expression belongs to, for the offline comparison.
struct ExpressionContext {
  // The canonical type of the column the expression belongs to (a default or
  // a generated column), e.g. "character varying(320)", "public.user_role",
  // "integer[]". A cast of a literal to this type is dropped on both sides
  // ('x'::text = 'x' on a text column). Empty: no column (checks, indexes,
  // views); no cast is dropped.
  std::string column_type;
  // The schema unqualified user type names in casts, unqualified relations
  // of index definitions and the column type resolve in.
  std::string schema = "public";

  bool operator==(const ExpressionContext&) const = default;
};

// The offline comparison of DESIGN.md ("Comparing types and defaults").
// Both spellings are parsed with libpg_query and their trees compared after:
//   - every location dropped (whitespace, keyword case and redundant
//     parentheses never reach the tree);
//   - type names in casts made canonical (type_key: `int`/`integer`/`int4`,
//     `pg_catalog.` dropped, unqualified user types qualified with
//     ctx.schema);
//   - for a default or generated column (ctx.column_type set), the whole
//     expression: a cast of a literal to the column's type dropped when the
//     cast has no other typmods than the column's ('x'::text = 'x'), and a
//     string literal read as a value of that type ('-1'::integer = -1,
//     't' = true on a boolean column). Casts inside the expression stay;
//   - `pg_catalog.` dropped from function and operator names;
//   - `x IN (a, b)` rewritten as `x = ANY (ARRAY[a, b])` and `x NOT IN (...)`
//     as `x <> ALL (ARRAY[...])`, as the server prints them.
// Anything else (now() vs CURRENT_TIMESTAMP, lower(email) vs
// lower((email)::text), implicit casts the server adds) is left to the server
// oracle: false here means "not provably the same offline", never "different".
// An expression that does not parse equals only the byte-identical text.
bool same_expression(std::string_view a, std::string_view b, const ExpressionContext& ctx = {});

// A stable string form of the canonical tree of an expression: equal for two
// spellings exactly when same_expression says so. Usable as a map key; not
// SQL. An expression that does not parse yields "unparsed:" + the text.
std::string canonical_expression(std::string_view expression,
                                 const ExpressionContext& ctx = {});

// The same for a whole SELECT (a view's query). A trailing ';' is ignored.
std::string canonical_select(std::string_view select, const ExpressionContext& ctx = {});
bool same_select(std::string_view a, std::string_view b, const ExpressionContext& ctx = {});

// The same for an index definition ("CREATE [UNIQUE] INDEX name ON t USING
// method (...) ..." as pg_get_indexdef prints it): the relation is qualified
// with ctx.schema when it is not, and the default method is explicit.
std::string canonical_index(std::string_view definition, const ExpressionContext& ctx = {});
bool same_index(std::string_view a, std::string_view b, const ExpressionContext& ctx = {});

}  // namespace strata::sql
