#include "model/default_names.h"

#include <set>
#include <unordered_map>

#include "sql/parse_result.h"
#include "sql/tree_walk.h"

namespace strata::model {
namespace {

constexpr size_t kNameDataLen = kMaxIdentifierBytes + 1;

// The longest prefix of s[0, len) that ends on a UTF-8 character boundary.
size_t clip_utf8(std::string_view s, size_t len) {
  while (len > 0 && len < s.size() &&
         (static_cast<unsigned char>(s[len]) & 0xC0) == 0x80)
    --len;
  return len;
}

std::string last_string(const nlohmann::json& list) {
  if (!list.is_array() || list.empty()) return {};
  const auto& last = list.back();
  if (last.contains("String")) return last["String"].value("sval", "");
  return {};
}

// FigureColnameInternal, for the node kinds an index expression holds.
// Returns the strength of the guess: 0 none, 1 a type name, 2 a real name.
int figure_colname(const nlohmann::json& node, std::string& name) {
  if (!node.is_object() || node.empty()) return 0;
  const std::string kind = node.begin().key();
  const nlohmann::json& body = node.begin().value();
  if (kind == "ColumnRef") {
    std::string n = last_string(body.value("fields", nlohmann::json::array()));
    if (n.empty()) return 0;
    name = n;
    return 2;
  }
  if (kind == "FuncCall") {
    name = last_string(body.value("funcname", nlohmann::json::array()));
    return name.empty() ? 0 : 2;
  }
  if (kind == "TypeCast") {
    int strength = body.contains("arg") ? figure_colname(body["arg"], name) : 0;
    if (strength <= 1 && body.contains("typeName")) {
      std::string n = last_string(body["typeName"].value("names", nlohmann::json::array()));
      if (!n.empty()) {
        name = n;
        return 1;
      }
    }
    return strength;
  }
  if (kind == "CollateClause") return body.contains("arg") ? figure_colname(body["arg"], name) : 0;
  if (kind == "A_Expr" && body.value("kind", "") == "AEXPR_NULLIF") {
    name = "nullif";
    return 2;
  }
  if (kind == "CaseExpr") {
    name = "case";
    return 1;
  }
  if (kind == "A_ArrayExpr") {
    name = "array";
    return 2;
  }
  if (kind == "RowExpr") {
    name = "row";
    return 2;
  }
  if (kind == "CoalesceExpr") {
    name = "coalesce";
    return 2;
  }
  if (kind == "MinMaxExpr") {
    name = body.value("op", "") == "IS_GREATEST" ? "greatest" : "least";
    return 2;
  }
  return 0;
}

const nlohmann::json* select_target(const nlohmann::json& tree) {
  const auto& stmts = tree["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return nullptr;
  const auto& stmt = stmts[0]["stmt"];
  if (!stmt.contains("SelectStmt")) return nullptr;
  const auto& targets = stmt["SelectStmt"]["targetList"];
  if (!targets.is_array() || targets.size() != 1) return nullptr;
  const auto& rt = targets[0]["ResTarget"];
  return rt.contains("val") ? &rt["val"] : nullptr;
}

void find_column_refs(const nlohmann::json& root, std::set<std::string>& found) {
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    auto it = node.find("ColumnRef");
    if (it == node.end()) return true;
    std::string n = last_string(it->value("fields", nlohmann::json::array()));
    if (!n.empty()) found.insert(n);
    return false;
  });
}

}  // namespace

std::string make_object_name(std::string_view name1, std::string_view name2,
                             std::string_view label) {
  size_t n1 = name1.size();
  size_t n2 = name2.size();
  size_t overhead = (label.empty() ? 0 : label.size() + 1) + (name2.empty() ? 0 : 1);
  size_t avail = kNameDataLen - 1 - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2)
      --n1;
    else
      --n2;
  }
  n1 = clip_utf8(name1, n1);
  n2 = clip_utf8(name2, n2);
  std::string out(name1.substr(0, n1));
  if (!name2.empty()) out += "_" + std::string(name2.substr(0, n2));
  if (!label.empty()) out += "_" + std::string(label);
  return out;
}

std::string choose_name(std::string_view name1, std::string_view name2, std::string_view label,
                        const std::function<bool(const std::string&)>& taken) {
  std::string name = make_object_name(name1, name2, label);
  for (int pass = 1; taken(name); ++pass)
    name = make_object_name(name1, name2, std::string(label) + std::to_string(pass));
  return name;
}

std::string column_name_addition(const std::vector<std::string>& columns) {
  std::string buf;
  for (const auto& c : columns) {
    if (!buf.empty()) buf += '_';
    buf += c.substr(0, kNameDataLen - 1);
    if (buf.size() >= kNameDataLen) break;
  }
  return buf;
}

std::string primary_key_name(std::string_view table) { return make_object_name(table, "", "pkey"); }

std::string unique_name(std::string_view table, const std::vector<std::string>& columns) {
  return make_object_name(table, column_name_addition(columns), "key");
}

std::string foreign_key_name(std::string_view table, const std::vector<std::string>& columns) {
  return make_object_name(table, column_name_addition(columns), "fkey");
}

std::string check_name(std::string_view table, std::string_view first_column) {
  return make_object_name(table, first_column, "check");
}

std::string exclusion_name(std::string_view table, const std::vector<std::string>& columns) {
  return make_object_name(table, column_name_addition(columns), "excl");
}

std::string index_name(std::string_view table, const std::vector<std::string>& columns) {
  return make_object_name(table, column_name_addition(columns), "idx");
}

std::string sequence_name(std::string_view table, std::string_view column) {
  return make_object_name(table, column, "seq");
}

std::string index_key_column_name(std::string_view expression) {
  auto r = sql::parse("SELECT (" + std::string(expression) + "\n)");
  if (!r.ok()) return "expr";
  const nlohmann::json* val = select_target(*r.tree);
  std::string name;
  if (!val || figure_colname(*val, name) == 0) return "expr";
  return name;
}

std::vector<std::string> dedupe_index_column_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> used;
  for (const auto& n : names) {
    std::string candidate = n;
    for (int i = 1; used.count(candidate); ++i) {
      std::string suffix = std::to_string(i);
      size_t keep = n.size();
      if (keep + suffix.size() > kMaxIdentifierBytes)
        keep = clip_utf8(n, kMaxIdentifierBytes - suffix.size());
      candidate = n.substr(0, keep) + suffix;
    }
    used.insert(candidate);
    out.push_back(candidate);
  }
  return out;
}

namespace {

std::string single_referenced_column_uncached(std::string_view expression) {
  auto r = sql::parse("SELECT (" + std::string(expression) + "\n)");
  if (!r.ok()) return {};
  std::set<std::string> found;
  find_column_refs(*r.tree, found);
  return found.size() == 1 ? *found.begin() : std::string();
}

}  // namespace

std::string single_referenced_column(std::string_view expression) {
  // Pure in its text, and models repeat a few checks on every table (the
  // loader names each unnamed check by it): worked out once per thread.
  // Only short texts are kept, and at most 16,384: the cache stays small.
  if (expression.size() > 1024) return single_referenced_column_uncached(expression);
  thread_local std::unordered_map<std::string, std::string> memo;
  std::string key(expression);
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  std::string out = single_referenced_column_uncached(expression);
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace strata::model
