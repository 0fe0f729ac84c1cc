#include "model/summary.h"

namespace strata::model {
namespace {

std::string count(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string Summary::str() const {
  std::string out = count(schemas, "schema", "schemas") + ", " +
                    count(tables, "table", "tables") + ", " +
                    count(columns, "column", "columns") + ", " +
                    count(indexes, "index", "indexes") + ", " +
                    count(constraints(), "constraint", "constraints") + " (" +
                    std::to_string(primary_keys) + " primary key, " +
                    std::to_string(unique_constraints) + " unique, " +
                    std::to_string(check_constraints) + " check, " +
                    std::to_string(foreign_keys) + " foreign key, " +
                    std::to_string(exclusion_constraints) + " exclusion), " +
                    count(enums, "enum", "enums") + ", " +
                    count(sequences, "sequence", "sequences") + ", " +
                    count(views, "view", "views") + ", " +
                    count(materialized_views, "materialized view", "materialized views") + ", " +
                    count(extensions, "extension", "extensions");
  if (domains) out += ", " + count(domains, "domain", "domains");
  if (composite_types) out += ", " + count(composite_types, "composite type", "composite types");
  if (collations) out += ", " + count(collations, "collation", "collations");
  if (text_search_configurations)
    out += ", " + count(text_search_configurations, "text search configuration", "text search configurations");
  if (functions) out += ", " + count(functions, "function", "functions");
  if (aggregates) out += ", " + count(aggregates, "aggregate", "aggregates");
  if (triggers) out += ", " + count(triggers, "trigger", "triggers");
  return out;
}

Summary summarize(const Schema& schema) {
  Summary s;
  s.schemas = static_cast<int>(schema.namespaces.size());
  s.extensions = static_cast<int>(schema.extensions.size());
  for (const auto& [_, ns] : schema.namespaces) {
    s.enums += static_cast<int>(ns.enums.size());
    s.sequences += static_cast<int>(ns.sequences.size());
    s.domains += static_cast<int>(ns.domains.size());
    s.composite_types += static_cast<int>(ns.composite_types.size());
    s.collations += static_cast<int>(ns.collations.size());
    s.text_search_configurations += static_cast<int>(ns.text_search_configs.size());
    s.functions += static_cast<int>(ns.functions.size());
    s.aggregates += static_cast<int>(ns.aggregates.size());
    for (const auto& [_, t] : ns.tables) {
      ++s.tables;
      s.columns += static_cast<int>(t.columns.size());
      s.indexes += static_cast<int>(t.indexes.size());
      s.primary_keys += t.primary_key ? 1 : 0;
      s.unique_constraints += static_cast<int>(t.uniques.size());
      s.check_constraints += static_cast<int>(t.checks.size());
      s.foreign_keys += static_cast<int>(t.foreign_keys.size());
      s.exclusion_constraints += static_cast<int>(t.exclusions.size());
      s.triggers += static_cast<int>(t.triggers.size());
    }
    for (const auto& [_, v] : ns.views) {
      (v.materialized ? s.materialized_views : s.views)++;
      s.indexes += static_cast<int>(v.indexes.size());
      s.triggers += static_cast<int>(v.triggers.size());
    }
  }
  return s;
}

}  // namespace strata::model
