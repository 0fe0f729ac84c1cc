#include "sql/partition.h"

#include <nlohmann/json.hpp>

#include "sql/parse_result.h"

namespace strata::sql {
namespace {

using nlohmann::json;

void drop_locations(json& node) {
  if (node.is_array()) {
    for (auto& child : node) drop_locations(child);
    return;
  }
  if (!node.is_object()) return;
  node.erase("location");
  node.erase("stmt_location");
  node.erase("stmt_len");
  for (auto& [_, child] : node.items()) drop_locations(child);
}

// A bound's constants as strings: the server prints a bigint bound quoted
// ('1000'), a model writes 1000; both are read as the column's type.
void constants_as_strings(json& node) {
  if (node.is_array()) {
    for (auto& child : node) constants_as_strings(child);
    return;
  }
  if (!node.is_object()) return;
  if (node.contains("A_Const") && node["A_Const"].is_object()) {
    json& c = node["A_Const"];
    std::string text;
    if (c.contains("ival")) {
      text = std::to_string(c["ival"].value("ival", 0));
    } else if (c.contains("fval")) {
      text = c["fval"].value("fval", "");
    } else {
      return;
    }
    node = json{{"A_Const", json{{"sval", json{{"sval", text}}}}}};
    return;
  }
  for (auto& [_, child] : node.items()) constants_as_strings(child);
}

// The CreateStmt of `text` when it is exactly one CREATE TABLE statement.
std::optional<json> create_statement(const std::string& text) {
  auto r = parse(text);
  if (!r.ok()) return std::nullopt;
  auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return std::nullopt;
  json stmt = std::move(stmts[0]["stmt"]);
  if (!stmt.contains("CreateStmt")) return std::nullopt;
  json body = std::move(stmt["CreateStmt"]);
  drop_locations(body);
  return body;
}

// Nothing but `keep` (and the relation) may be in `body`: a key or bound
// written with more after it ("DEFAULT PARTITION BY ...", "... WITH (...)")
// is refused.
bool only(const json& body, std::initializer_list<const char*> keep) {
  for (const auto& [key, value] : body.items()) {
    if (key == "relation" || key == "oncommit") continue;
    bool kept = false;
    for (const char* k : keep) kept = kept || key == k;
    if (!kept) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> canonical_partition_key(std::string_view key) {
  // A newline before the end keeps a trailing "--" comment from hiding it.
  auto body = create_statement("CREATE TABLE x () PARTITION BY " + std::string(key) + "\n");
  if (!body || !body->contains("partspec") || !only(*body, {"partspec"})) return std::nullopt;
  return (*body)["partspec"].dump();
}

std::optional<std::string> canonical_partition_bound(std::string_view bound) {
  auto body = create_statement("CREATE TABLE x PARTITION OF y " + std::string(bound) + "\n");
  if (!body || !body->contains("partbound") || !only(*body, {"partbound", "inhRelations"}))
    return std::nullopt;
  constants_as_strings((*body)["partbound"]);
  return (*body)["partbound"].dump();
}

bool same_partition_key(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto x = canonical_partition_key(a), y = canonical_partition_key(b);
  return x && y && *x == *y;
}

bool same_partition_bound(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto x = canonical_partition_bound(a), y = canonical_partition_bound(b);
  return x && y && *x == *y;
}

}  // namespace strata::sql
