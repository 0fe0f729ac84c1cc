#include "model/column_reference.h"

#include <algorithm>

#include "sql/parse_result.h"

namespace strata::model {
namespace {

constexpr std::string_view kPrefix = "SELECT (";

// Walks the tree with an explicit stack (no recursion, whatever its depth).
void collect(const nlohmann::json& root, std::vector<ColumnReference>& out) {
  std::vector<const nlohmann::json*> stack{&root};
  while (!stack.empty()) {
    const nlohmann::json& node = *stack.back();
    stack.pop_back();
    if (node.is_object()) {
      auto it = node.find("ColumnRef");
      if (it != node.end()) {
        const auto& fields = it->value("fields", nlohmann::json::array());
        if (fields.size() > 2 || fields.empty()) continue;
        const auto& last = fields.back();
        if (!last.contains("String")) continue;  // t.*
        ColumnReference r;
        r.column = last["String"].value("sval", "");
        r.offset = std::max(0, it->value("location", 0) - static_cast<int>(kPrefix.size()));
        r.qualified = fields.size() == 2;
        if (!r.column.empty()) out.push_back(std::move(r));
        continue;
      }
    }
    if (node.is_structured())
      for (const auto& v : node) stack.push_back(&v);
  }
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
