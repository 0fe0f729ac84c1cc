#pragma once

// SQL of partitions and of the table and column properties (storage
// parameters, replica identity, statistics, storage, compression).
// Internal to codegen.

#include <string>

#include "diff/change.h"
#include "model/table.h"

namespace strata::codegen {

// A partition key or bound from a model or the catalog as it goes into a
// statement: comments dropped, checked to be exactly one key or bound.
// Throws Error naming the table otherwise.
std::string partition_key_sql(const std::string& key, const model::QualifiedName& table);
std::string partition_bound_sql(const std::string& bound, const model::QualifiedName& table);

// " WITH (fillfactor = '70')", empty for none.
std::string storage_parameters_clause(const model::StorageParameters& parameters);
// "ALTER TABLE t REPLICA IDENTITY FULL;\n", empty for the default when
// `even_default` is false.
std::string replica_identity_sql(const model::QualifiedName& table,
                                 const model::ReplicaIdentity& identity, bool even_default);
// ALTER COLUMN ... SET STATISTICS/STORAGE/COMPRESSION for what differs
// between `from` and `to` (to's name).
std::string column_storage_sql(const model::QualifiedName& table, const model::Column& from,
                               const model::Column& to);

std::string attach_partition_sql(const diff::AttachPartition& c);
std::string detach_partition_sql(const diff::DetachPartition& c);
std::string storage_parameters_sql(const diff::SetStorageParameters& c);
std::string refresh_sql(const diff::RefreshMaterializedView& c);

// One-line descriptions for the revision header.
std::string describe_storage_parameters(const model::StorageParameters& parameters);
std::string describe_replica_identity(const model::ReplicaIdentity& identity);
std::string describe_column_storage(const model::Column& from, const model::Column& to);

}  // namespace strata::codegen
