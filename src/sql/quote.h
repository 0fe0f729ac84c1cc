#pragma once

#include <string>
#include <string_view>

namespace strata::sql {

// The one quoting helper. Every identifier and literal in generated SQL passes
// through these functions; user text is never pasted into SQL otherwise.

// Quotes an identifier only when PostgreSQL needs it (as quote_ident() does):
// anything but lower-case ASCII letters, digits, '_' (not leading a digit), or
// a keyword that is not unreserved, gets double quotes with '"' doubled.
std::string quote_ident(std::string_view ident);

// schema.name, each part quoted as needed.
std::string quote_qualified(std::string_view schema, std::string_view name);

// A string literal: '...' with quotes doubled; E'...' with backslashes
// doubled when the text holds a backslash (safe whatever
// standard_conforming_strings says).
std::string quote_literal(std::string_view text);

// One SQL comment line: "-- " + visible(text) + "\n" (text.h). Every comment
// that generated SQL carries (revision headers, change descriptions,
// warnings) is written through this: whatever `text` holds (a name with a
// line break, an escape sequence, a bidi override), the result is exactly one
// line, and the statements after it stay statements.
std::string comment_line(std::string_view text);

// The search_path a view of `schema` is created under, so that the
// unqualified names of its query resolve in the view's own schema first and
// then in public (where they resolved before): "billing, public", each name
// quoted; "public" for public.
std::string view_search_path(std::string_view schema);

// True when `word` is an SQL keyword of any category but unreserved.
bool is_reserved_keyword(std::string_view word);

}  // namespace strata::sql
