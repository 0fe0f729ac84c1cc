#pragma once

// Walking a parse tree (the JSON that sql::parse returns) without recursion.

#include <vector>

#include <nlohmann/json.hpp>

namespace strata::sql {

// Calls `visit(object)` for every JSON object in `root`, a parent before its
// children and siblings in document order. The walk keeps its own stack, so
// it needs no call stack however deep the tree. When `visit` returns false,
// that object's children are skipped.
// Requires: `visit` is callable as bool(const nlohmann::json&).
template <typename Visit>
void for_each_object(const nlohmann::json& root, Visit&& visit) {
  std::vector<const nlohmann::json*> stack{&root};
  std::vector<const nlohmann::json*> children;
  while (!stack.empty()) {
    const nlohmann::json& node = *stack.back();
    stack.pop_back();
    if (node.is_object() && !visit(node)) continue;
    if (!node.is_structured()) continue;
    children.clear();
    for (const auto& child : node) children.push_back(&child);
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
}

// A copy of a parse tree without the positions (location, stmt_location,
// stmt_len), so that two spellings of the same statement compare equal.
// Recursive: trees come from sql::parse, which refuses any deeper than
// kMaxTreeDepth, so the recursion stays bounded.
inline nlohmann::json without_locations(const nlohmann::json& node) {
  if (node.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : node.items())
      if (k != "location" && k != "stmt_location" && k != "stmt_len") out[k] = without_locations(v);
    return out;
  }
  if (node.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : node) out.push_back(without_locations(v));
    return out;
  }
  return node;
}

}  // namespace strata::sql
