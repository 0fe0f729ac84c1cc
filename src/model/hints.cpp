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

}  // namespace strata::model
