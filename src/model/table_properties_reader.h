#pragma once

// Internal to the YAML loader: the table keys for partitioning and storage
// (partition_by, partition_of, bound, storage_parameters, replica_identity)
// and the column keys statistics, storage and compression.

#include <map>
#include <string>

#include "model/load_context.h"
#include "model/table.h"
#include "model/yaml_fields.h"

namespace strata::model {

void read_table_properties(YamlFields& y, LoadContext& ctx, const std::string& schema,
                           std::map<std::string, YamlFields::Entry>& fields, Table& t);

void read_column_properties(YamlFields& y, std::map<std::string, YamlFields::Entry>& fields,
                            Column& c);

}  // namespace strata::model
