#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::sql {

// An operator, as an exclusion constraint names it (`WITH &&`).
struct OperatorName {
  std::string schema;  // empty: unqualified, found through search_path
  std::string op;      // the operator's characters: "&&", "=", "<->"

  bool operator==(const OperatorName&) const = default;
};

// Reads an operator written as "&&", "schema.&&" or "OPERATOR(schema.&&)"
// (the schema a plain or double-quoted identifier; spaces allowed inside
// OPERATOR(...)). The operator follows PostgreSQL's lexical rules: one to 63
// of the characters + - * / < > = ~ ! @ # % ^ & | ` ?, without "--" or "/*",
// and ending in + or - only when it also holds one of ~ ! @ # % ^ & | ` ?.
// Anything else (a parenthesis, a quote, a space, a second operator) is
// refused: nullopt, with the reason in `*error` when given.
std::optional<OperatorName> parse_operator(std::string_view text, std::string* error = nullptr);

// The operator as SQL: the bare operator when unqualified, else
// "OPERATOR(schema.op)" with the schema through quote_ident.
// Requires: `name.op` is an operator parse_operator accepts.
std::string quote_operator(const OperatorName& name);

}  // namespace strata::sql
