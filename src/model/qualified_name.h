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

// A table name as a model file writes it, "table" or "schema.table": split
// at the first dot; a bare name is in `schema`.
inline QualifiedName split_table_name(const std::string& schema, const std::string& text) {
  std::size_t dot = text.find('.');
  if (dot == std::string::npos) return {schema, text};
  return {text.substr(0, dot), text.substr(dot + 1)};
}

// Whether split_table_name read a well-formed name: both parts present and
// no second dot.
inline bool is_table_name(const QualifiedName& q) {
  return !q.schema.empty() && !q.name.empty() && q.name.find('.') == std::string::npos;
}

}  // namespace strata::model
