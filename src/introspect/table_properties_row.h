#pragma once

// Internal to the catalog reader: the partitioning and storage columns of a
// row of the tables-and-columns query (catalog_queries.cpp, columns 12-21).

#include "introspect/catalog_reader.h"
#include "model/table.h"

namespace strata::introspect {

// Partition key, parent and bound, storage parameters, replica identity.
void read_table_properties(const CatalogRow& row, model::Table& table);

// Statistics target, storage (only when not the type's), compression.
void read_column_properties(const CatalogRow& row, model::Column& column);

}  // namespace strata::introspect
