#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::model {

// The names PostgreSQL gives constraints, indexes and sequences that are
// created without one, so a model and the database built from it agree.
//
// PostgreSQL joins the parts with '_' and, when the result would exceed 63
// bytes, takes one byte at a time off the longer of the table part and the
// column part (off the column part when they are equally long), then cuts
// each part back to a UTF-8 character boundary (makeObjectName). The label
// is never shortened. The column part lists the columns joined with '_',
// stopping once it reaches 64 bytes.
//
// When the default name is already taken, PostgreSQL appends a number to the
// label ("users_email_key1", "users_email_key2"): see choose_name.

inline constexpr size_t kMaxIdentifierBytes = 63;

// makeObjectName(name1, name2, label): "name1_name2_label", or "name1_label"
// when name2 is empty, truncated as described above.
std::string make_object_name(std::string_view name1, std::string_view name2,
                             std::string_view label);

// The column part of a default name: names joined with '_', cut off once the
// text reaches 64 bytes (ChooseIndexNameAddition).
std::string column_name_addition(const std::vector<std::string>& columns);

// ChooseConstraintName / ChooseRelationName: make_object_name(name1, name2,
// label), or with label1, label2, ... until `taken` says the name is free.
std::string choose_name(std::string_view name1, std::string_view name2, std::string_view label,
                        const std::function<bool(const std::string&)>& taken);

// "<table>_pkey"
std::string primary_key_name(std::string_view table);
// "<table>_<cols>_key"
std::string unique_name(std::string_view table, const std::vector<std::string>& columns);
// "<table>_<cols>_fkey"
std::string foreign_key_name(std::string_view table, const std::vector<std::string>& columns);
// "<table>_<col>_check" when the expression references exactly one column,
// "<table>_check" otherwise (`column` empty); see single_referenced_column.
std::string check_name(std::string_view table, std::string_view column);
// "<table>_<cols>_excl"; `columns` names each element: its column, or for an
// expression what index_key_column_name gives.
std::string exclusion_name(std::string_view table, const std::vector<std::string>& columns);
// "<table>_<cols>_idx" for CREATE [UNIQUE] INDEX without a name. `columns`
// holds the key names followed by the INCLUDE columns, as PostgreSQL uses
// both (index_key_column_name for expression keys, then
// dedupe_index_column_names). The same column list, with the "key"/"excl"
// label, names unique and exclusion constraints.
std::string index_name(std::string_view table, const std::vector<std::string>& columns);
// "<table>_<col>_seq"
std::string sequence_name(std::string_view table, std::string_view column);

// The name PostgreSQL derives for an expression key of an index: the function
// name for a function call ("lower(email)" -> "lower"), the column for a
// plain (possibly parenthesised or cast) column reference, otherwise "expr".
std::string index_key_column_name(std::string_view expression);

// Makes the key names of one index unique as PostgreSQL does: a repeated
// name gets the smallest number suffix that makes it unique ("lower",
// "lower1").
std::vector<std::string> dedupe_index_column_names(const std::vector<std::string>& names);

// The column an expression references when it references exactly one
// (possibly several times), as PostgreSQL names CHECK constraints; empty
// when it references none or several, or does not parse.
std::string single_referenced_column(std::string_view expression);

}  // namespace strata::model
