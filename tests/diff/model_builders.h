#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "diff/plan.h"
#include "model/schema.h"

namespace strata::diff::test {

inline model::Column column(std::string name, std::string type, bool nullable = true) {
  model::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

inline model::Table& table(model::Schema& s, const std::string& name,
                           std::vector<model::Column> columns, const std::string& ns = "public") {
  auto& n = s.namespaces[ns];
  n.name = ns;
  auto& t = n.tables[name];
  t.name = name;
  t.columns = std::move(columns);
  return t;
}

inline model::ForeignKey foreign_key(std::string name, std::string column, std::string ref_table,
                                     std::string ref_column) {
  model::ForeignKey fk;
  fk.name = std::move(name);
  fk.columns = {std::move(column)};
  fk.ref_table = {"public", std::move(ref_table)};
  fk.ref_columns = {std::move(ref_column)};
  return fk;
}

// The message plan() refuses `cur` -> `want` with; empty when it plans.
inline std::string refusal(const model::Schema& cur, const model::Schema& want) {
  try {
    plan(cur, want);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace strata::diff::test
