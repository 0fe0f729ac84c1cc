#include "app/schema_difference.h"

namespace strata::app {

namespace {

// The first key present in only one map, or whose values differ.
template <typename Map>
std::string compare_maps(const Map& a, const Map& b, const std::string& kind, const std::string& prefix) {
  for (const auto& [name, value] : a) {
    auto it = b.find(name);
    if (it == b.end()) return kind + " " + prefix + name + " is only in the first";
    if (!(value == it->second)) return kind + " " + prefix + name + " differs";
  }
  for (const auto& [name, value] : b)
    if (!a.count(name)) return kind + " " + prefix + name + " is only in the second";
  return {};
}

std::string compare_tables(const model::Table& a, const model::Table& b, const std::string& qualified) {
  std::string where = "table " + qualified + ": ";
  for (std::size_t i = 0; i < std::max(a.columns.size(), b.columns.size()); ++i) {
    if (i >= a.columns.size()) return where + "column " + b.columns[i].name + " is only in the second";
    if (i >= b.columns.size()) return where + "column " + a.columns[i].name + " is only in the first";
    if (!(a.columns[i] == b.columns[i])) return where + "column " + a.columns[i].name + " differs";
  }
  if (!(a.primary_key == b.primary_key)) return where + "primary key differs";
  for (auto d : {compare_maps(a.uniques, b.uniques, "unique constraint", ""),
                 compare_maps(a.checks, b.checks, "check constraint", ""),
                 compare_maps(a.foreign_keys, b.foreign_keys, "foreign key", ""),
                 compare_maps(a.exclusions, b.exclusions, "exclusion constraint", ""),
                 compare_maps(a.indexes, b.indexes, "index", "")})
    if (!d.empty()) return where + d;
  if (a.comment != b.comment) return where + "comment differs";
  if (a.unlogged != b.unlogged) return where + "UNLOGGED differs";
  return where + "differs";
}

}  // namespace

std::string first_difference(const model::Schema& a, const model::Schema& b) {
  if (a == b) return {};
  if (auto d = compare_maps(a.extensions, b.extensions, "extension", ""); !d.empty()) return d;
  for (const auto& [name, ns] : a.namespaces) {
    auto it = b.namespaces.find(name);
    if (it == b.namespaces.end()) return "schema " + name + " is only in the first";
    const auto& other = it->second;
    if (ns == other) continue;
    std::string prefix = name + ".";
    for (const auto& [tname, t] : ns.tables) {
      auto ot = other.tables.find(tname);
      if (ot == other.tables.end()) return "table " + prefix + tname + " is only in the first";
      if (!(t == ot->second)) return compare_tables(t, ot->second, prefix + tname);
    }
    for (const auto& [tname, t] : other.tables)
      if (!ns.tables.count(tname)) return "table " + prefix + tname + " is only in the second";
    for (auto d : {compare_maps(ns.enums, other.enums, "enum", prefix),
                   compare_maps(ns.sequences, other.sequences, "sequence", prefix),
                   compare_maps(ns.views, other.views, "view", prefix)})
      if (!d.empty()) return d;
    if (ns.comment != other.comment) return "schema " + name + ": comment differs";
  }
  for (const auto& [name, ns] : b.namespaces)
    if (!a.namespaces.count(name)) return "schema " + name + " is only in the second";
  return "the models differ";
}

}  // namespace strata::app
