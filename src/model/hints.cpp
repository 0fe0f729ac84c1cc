#include "model/hints.h"

namespace strata::model {

Schema strip_hints(Schema schema) {
  for (auto& [_, ns] : schema.namespaces) {
    for (auto& [_, e] : ns.enums) {
      e.renamed_from.reset();
      e.label_renamed_from.clear();
    }
    for (auto& [_, v] : ns.views)
      for (auto& [_, ix] : v.indexes) ix.renamed_from.reset();
    for (auto& [_, t] : ns.tables) {
      t.renamed_from.reset();
      for (auto& c : t.columns) {
        c.renamed_from.reset();
        c.using_expr.reset();
      }
      if (t.primary_key) t.primary_key->renamed_from.reset();
      for (auto& [_, u] : t.uniques) u.renamed_from.reset();
      for (auto& [_, c] : t.checks) c.renamed_from.reset();
      for (auto& [_, f] : t.foreign_keys) f.renamed_from.reset();
      for (auto& [_, x] : t.exclusions) x.renamed_from.reset();
      for (auto& [_, ix] : t.indexes) ix.renamed_from.reset();
    }
  }
  return schema;
}

bool has_rename_hints(const Schema& schema) {
  auto any = [](const auto& map) {
    for (const auto& [_, x] : map)
      if (x.renamed_from) return true;
    return false;
  };
  for (const auto& [_, ns] : schema.namespaces) {
    for (const auto& [_, e] : ns.enums)
      if (e.renamed_from || !e.label_renamed_from.empty()) return true;
    for (const auto& [_, v] : ns.views)
      if (any(v.indexes)) return true;
    for (const auto& [_, t] : ns.tables) {
      if (t.renamed_from || (t.primary_key && t.primary_key->renamed_from)) return true;
      for (const auto& c : t.columns)
        if (c.renamed_from) return true;
      if (any(t.uniques) || any(t.checks) || any(t.foreign_keys) || any(t.exclusions) || any(t.indexes))
        return true;
    }
  }
  return false;
}

}  // namespace strata::model
