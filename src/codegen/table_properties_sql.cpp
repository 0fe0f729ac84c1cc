#include "codegen/table_properties_sql.h"

#include <cctype>

#include "codegen/statement_writer.h"
#include "core/error.h"
#include "model/table_properties.h"
#include "sql/partition.h"
#include "sql/quote.h"
#include "sql/script.h"
#include "sql/text.h"

namespace strata::codegen {
namespace {

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string alter_table(const model::QualifiedName& t) { return "ALTER TABLE " + qualified(t) + " "; }

std::string alter_column(const model::QualifiedName& t, const std::string& c) {
  return alter_table(t) + "ALTER COLUMN " + sql::quote_ident(c) + " ";
}

// Parameter names are checked by the loader ([a-z0-9_.]); the catalog's
// come from the server. Anything else is refused here all the same.
std::string parameter_name(const std::string& name) {
  for (char ch : name)
    if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) ||
          ch == '_' || ch == '.'))
      throw Error("cannot write storage parameter '" + sql::visible(name) +
                  "': not a parameter name");
  return name;
}

}  // namespace

std::string partition_key_sql(const std::string& key, const model::QualifiedName& table) {
  std::string plain = std::string(sql::trim(sql::strip_comments(key)));
  if (!sql::canonical_partition_key(plain))
    throw Error("cannot write the partition key '" + sql::visible(key.substr(0, 80)) + "' of " +
                table.str() + ": it is not RANGE, LIST or HASH (...)");
  return plain;
}

std::string partition_bound_sql(const std::string& bound, const model::QualifiedName& table) {
  std::string plain = std::string(sql::trim(sql::strip_comments(bound)));
  if (!sql::canonical_partition_bound(plain))
    throw Error("cannot write the partition bound '" + sql::visible(bound.substr(0, 80)) +
                "' of " + table.str() + ": it is not FOR VALUES ... or DEFAULT");
  return plain;
}

std::string storage_parameters_clause(const model::StorageParameters& parameters) {
  if (parameters.empty()) return "";
  std::string out;
  for (const auto& [k, v] : parameters)
    out += (out.empty() ? "" : ", ") + parameter_name(k) + " = " + sql::quote_literal(v);
  return " WITH (" + out + ")";
}

std::string replica_identity_sql(const model::QualifiedName& table,
                                 const model::ReplicaIdentity& identity, bool even_default) {
  using Kind = model::ReplicaIdentity::Kind;
  std::string what;
  switch (identity.kind) {
    case Kind::kDefault:
      if (!even_default) return "";
      what = "DEFAULT";
      break;
    case Kind::kFull: what = "FULL"; break;
    case Kind::kNothing: what = "NOTHING"; break;
    case Kind::kIndex: what = "USING INDEX " + sql::quote_ident(identity.index); break;
  }
  return alter_table(table) + "REPLICA IDENTITY " + what + ";\n";
}

std::string column_storage_sql(const model::QualifiedName& table, const model::Column& from,
                               const model::Column& to) {
  std::string out;
  auto stmt = [&](const std::string& action) { out += alter_column(table, to.name) + action + ";\n"; };
  if (from.statistics != to.statistics)
    stmt("SET STATISTICS " + std::to_string(to.statistics ? *to.statistics : -1));
  if (from.storage != to.storage)
    stmt("SET STORAGE " + upper(to.storage ? *to.storage : model::default_storage(to.type)));
  if (from.compression != to.compression)
    stmt("SET COMPRESSION " + (to.compression ? sql::quote_ident(*to.compression) : "DEFAULT"));
  return out;
}

std::string attach_partition_sql(const diff::AttachPartition& c) {
  return alter_table(c.partition.parent) + "ATTACH PARTITION " + qualified(c.table) + " " +
         partition_bound_sql(c.partition.bound, c.table) + ";\n";
}

std::string detach_partition_sql(const diff::DetachPartition& c) {
  return alter_table(c.partition.parent) + "DETACH PARTITION " + qualified(c.table) + ";\n";
}

std::string storage_parameters_sql(const diff::SetStorageParameters& c) {
  std::string set, reset;
  for (const auto& [k, v] : c.to) {
    auto it = c.from.find(k);
    if (it == c.from.end() || it->second != v)
      set += (set.empty() ? "" : ", ") + parameter_name(k) + " = " + sql::quote_literal(v);
  }
  for (const auto& [k, _] : c.from)
    if (!c.to.count(k)) reset += (reset.empty() ? "" : ", ") + parameter_name(k);
  std::string out;
  if (!reset.empty()) out += alter_table(c.table) + "RESET (" + reset + ");\n";
  if (!set.empty()) out += alter_table(c.table) + "SET (" + set + ");\n";
  return out;
}

std::string refresh_sql(const diff::RefreshMaterializedView& c) {
  return "REFRESH MATERIALIZED VIEW " + qualified(c.name) + (c.with_data ? "" : " WITH NO DATA") +
         ";\n";
}

std::string describe_storage_parameters(const model::StorageParameters& parameters) {
  if (parameters.empty()) return "(none)";
  std::string out;
  for (const auto& [k, v] : parameters) out += (out.empty() ? "" : ", ") + k + "=" + v;
  return "(" + out + ")";
}

std::string describe_replica_identity(const model::ReplicaIdentity& identity) {
  using Kind = model::ReplicaIdentity::Kind;
  switch (identity.kind) {
    case Kind::kDefault: return "default";
    case Kind::kFull: return "full";
    case Kind::kNothing: return "nothing";
    case Kind::kIndex: return "using index " + identity.index;
  }
  return "default";
}

std::string describe_column_storage(const model::Column& from, const model::Column& to) {
  std::string out;
  auto part = [&](const std::string& what, const std::string& a, const std::string& b) {
    out += (out.empty() ? "" : ", ") + what + " " + a + " -> " + b;
  };
  auto opt = [](const std::optional<std::string>& v) { return v ? *v : std::string("default"); };
  auto num = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("default"); };
  if (from.statistics != to.statistics) part("statistics", num(from.statistics), num(to.statistics));
  if (from.storage != to.storage) part("storage", opt(from.storage), opt(to.storage));
  if (from.compression != to.compression) part("compression", opt(from.compression), opt(to.compression));
  return out;
}

}  // namespace strata::codegen
