#pragma once

// Reading libpg_query's JSON parse tree in the hazard rules: the members a
// rule asks for, or null and empty when they are absent. Internal to
// src/lint.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sql/text.h"

namespace strata::lint {

// `node[key]`, or null when absent.
inline const nlohmann::json& at(const nlohmann::json& node, std::string_view key) {
  static const nlohmann::json kNull;
  if (!node.is_object()) return kNull;
  auto it = node.find(key);
  return it == node.end() ? kNull : *it;
}

inline std::string text_of(const nlohmann::json& node, std::string_view key) {
  const nlohmann::json& v = at(node, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

inline bool flag(const nlohmann::json& node, std::string_view key) {
  const nlohmann::json& v = at(node, key);
  return v.is_boolean() && v.get<bool>();
}

// A RangeVar, written by libpg_query bare (a RangeVar* field) or wrapped
// ({"RangeVar": {...}}, a Node* or a list element).
inline const nlohmann::json& range_var(const nlohmann::json& node) {
  const nlohmann::json& wrapped = at(node, "RangeVar");
  return wrapped.is_object() ? wrapped : node;
}

// A relation a statement names: its schema empty when the statement wrote
// none.
struct Table {
  std::string schema, name;
  std::string shown() const { return sql::visible(schema.empty() ? name : schema + "." + name); }
};

inline Table table_of(const nlohmann::json& relation) {
  const nlohmann::json& r = range_var(relation);
  return {text_of(r, "schemaname"), text_of(r, "relname")};
}

// The names of a List of String nodes ({"List": {"items": [{"String":
// {"sval": ..}}]}}), each as written (unquoted; a name may hold a dot).
inline std::vector<std::string> name_parts(const nlohmann::json& list) {
  const nlohmann::json& items = list.is_array() ? list : at(at(list, "List"), "items");
  std::vector<std::string> out;
  if (!items.is_array()) return out;
  for (const auto& item : items) out.push_back(text_of(at(item, "String"), "sval"));
  return out;
}

// The same names, dotted.
inline std::string dotted_name(const nlohmann::json& list) {
  std::string out;
  for (const auto& part : name_parts(list)) {
    if (!out.empty()) out += ".";
    out += part;
  }
  return sql::visible(out);
}

// The relation named by the first `count` of `parts` ([catalog.][schema.]name).
inline Table table_of_parts(const std::vector<std::string>& parts, std::size_t count) {
  if (count == 0 || count > parts.size()) return {};
  return {count >= 2 ? parts[count - 2] : std::string(), parts[count - 1]};
}

}  // namespace strata::lint
