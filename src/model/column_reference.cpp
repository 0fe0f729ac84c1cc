#include "model/column_reference.h"

#include <algorithm>
#include <unordered_map>

#include "sql/parse_result.h"
#include "sql/tree_walk.h"

namespace strata::model {
namespace {

constexpr std::string_view kPrefix = "SELECT (";

void collect(const nlohmann::json& root, std::vector<ColumnReference>& out) {
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    auto it = node.find("ColumnRef");
    if (it == node.end()) return true;
    const auto& fields = it->value("fields", nlohmann::json::array());
    if (fields.size() > 2 || fields.empty()) return false;
    const auto& last = fields.back();
    if (!last.contains("String")) return false;  // t.*
    ColumnReference r;
    r.column = last["String"].value("sval", "");
    r.offset = std::max(0, it->value("location", 0) - static_cast<int>(kPrefix.size()));
    r.qualified = fields.size() == 2;
    if (!r.column.empty()) out.push_back(std::move(r));
    return false;
  });
}

}  // namespace

static std::vector<ColumnReference> column_references_uncached(std::string_view expression) {
  auto r = sql::parse(std::string(kPrefix) + std::string(expression) + "\n)");
  std::vector<ColumnReference> out;
  if (!r.ok()) return out;
  collect(*r.tree, out);
  std::sort(out.begin(), out.end(),
            [](const ColumnReference& a, const ColumnReference& b) { return a.offset < b.offset; });
  return out;
}

std::vector<ColumnReference> column_references(std::string_view expression) {
  // Pure in its text: models repeat the same expressions on many tables, so
  // each is worked out once per thread. Bounded.
  // Only short texts are kept: the cache stays small whatever the input.
  if (expression.size() > 1024) return column_references_uncached(expression);
  thread_local std::unordered_map<std::string, std::vector<ColumnReference>> memo;
  std::string key = std::string(expression);
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  std::vector<ColumnReference> out = column_references_uncached(expression);
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace strata::model
