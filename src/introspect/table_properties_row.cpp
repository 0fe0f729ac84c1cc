#include "introspect/table_properties_row.h"

#include <nlohmann/json.hpp>

namespace strata::introspect {

void read_table_properties(const CatalogRow& r, model::Table& t) {
  t.partition_by = r.optional(12);
  if (!r.null(15))
    t.partition_of = model::PartitionOf{{r.text(13), r.text(14)}, r.text(15)};
  if (!r.null(16))
    for (const auto& item : nlohmann::json::parse(r.text(16))) {
      std::string option = item.get<std::string>();
      auto eq = option.find('=');
      if (eq == std::string::npos) continue;
      t.storage_parameters[option.substr(0, eq)] = option.substr(eq + 1);
    }
  if (!r.null(23))
    for (const auto& pair : nlohmann::json::parse(r.text(23)))
      t.inherits.push_back({pair.at(0).get<std::string>(), pair.at(1).get<std::string>()});
  std::string identity = r.text(17);
  using Kind = model::ReplicaIdentity::Kind;
  if (identity == "f") t.replica_identity = {Kind::kFull, ""};
  else if (identity == "n") t.replica_identity = {Kind::kNothing, ""};
  else if (identity == "i") t.replica_identity = {Kind::kIndex, r.text(18)};
}

void read_column_properties(const CatalogRow& r, model::Column& c) {
  if (!r.null(19) && r.number(19) >= 0) c.statistics = static_cast<int>(r.number(19));
  if (!r.null(20)) {
    static const std::map<std::string, std::string> kStorage = {
        {"p", "plain"}, {"e", "external"}, {"x", "extended"}, {"m", "main"}};
    auto it = kStorage.find(r.text(20));
    if (it != kStorage.end()) c.storage = it->second;
  }
  std::string compression = r.text(21);
  if (compression == "p") c.compression = "pglz";
  else if (compression == "l") c.compression = "lz4";
}

}  // namespace strata::introspect
