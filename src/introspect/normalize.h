#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/column.h"

namespace strata::introspect {

// Turns catalog text into the model's normal form. Pure functions.

// Sequence parameters as the catalog holds them, reduced to the model's form:
// each option equal to PostgreSQL's default for `type` ("smallint",
// "integer", "bigint") and the increment's direction becomes empty
// (ascending: start 1, min 1, max the type's max; descending: start -1,
// min the type's min, max -1; increment 1; cache 1).
model::SequenceOptions sequence_options(std::string_view type, std::int64_t start,
                                        std::int64_t increment, std::int64_t min_value,
                                        std::int64_t max_value, std::int64_t cache, bool cycle);

// "CHECK (a > 0) NO INHERIT" (pg_get_constraintdef) -> "a > 0". A trailing
// NOT VALID is dropped too.
std::string check_body(std::string_view definition);

// "(a + b)" -> "a + b"; leaves "(a) + (b)" and "lower(a)" alone. Quotes and
// quoted identifiers are respected.
std::string strip_outer_parens(std::string_view expression);

// pg_get_viewdef text without surrounding blanks and without the final ';'.
std::string view_query(std::string_view definition);

// A text[] literal for `CAST(:v AS text[])`: {"a","b"} with '"' and '\'
// escaped.
std::string text_array_literal(const std::vector<std::string>& items);

// "integer" -> "serial", "bigint" -> "bigserial", "smallint" ->
// "smallserial"; empty for any other type.
std::string serial_type_for(std::string_view integer_type);

// The name PostgreSQL gives the sequence of a serial column:
// "<table>_<column>_seq", the two names shortened as makeObjectName does when
// the result would exceed 63 bytes (one byte at a time off the longer, then
// back to a UTF-8 character boundary).
std::string serial_sequence_name(std::string_view table, std::string_view column);

}  // namespace strata::introspect
