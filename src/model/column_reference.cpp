#include "model/column_reference.h"

#include <algorithm>

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

std::vector<ColumnReference> column_references(std::string_view expression) {
  auto r = sql::parse(std::string(kPrefix) + std::string(expression) + "\n)");
  std::vector<ColumnReference> out;
  if (!r.ok()) return out;
  collect(*r.tree, out);
  std::sort(out.begin(), out.end(),
            [](const ColumnReference& a, const ColumnReference& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace strata::model
