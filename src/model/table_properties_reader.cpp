#include "model/table_properties_reader.h"

#include <algorithm>

#include "model/inheritance.h"
#include "sql/partition.h"

namespace strata::model {
namespace {

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
}

// A storage parameter name: letters, digits, '_' and one '.' (toast.x).
bool parameter_name(const std::string& n) {
  if (n.empty()) return false;
  return std::all_of(n.begin(), n.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
  });
}

}  // namespace

void read_table_properties(YamlFields& y, LoadContext& ctx, const std::string& schema,
                           std::map<std::string, YamlFields::Entry>& f, Table& t) {
  if (f.count("inherits")) read_inherits(y, ctx, schema, f["inherits"].value, t);
  if (f.count("partition_by"))
    if (auto v = y.string(f["partition_by"].value, "partition_by")) {
      if (sql::canonical_partition_key(*v))
        t.partition_by = *v;
      else
        y.error(f["partition_by"].value,
                "partition_by must be RANGE, LIST or HASH and the key in parentheses, as in "
                "\"RANGE (created_at)\" or \"LIST (lower(region))\"");
    }
  if (f.count("partition_of")) {
    if (auto v = y.name(f["partition_of"].value, "partition_of")) {
      PartitionOf p;
      p.parent = split_table_name(schema, *v);
      if (!is_table_name(p.parent)) {
        y.error(f["partition_of"].value, "partition_of must be 'table' or 'schema.table'");
      } else if (!f.count("bound")) {
        y.error(f["partition_of"].key,
                "partition '" + t.name + "' needs a bound: add bound: \"FOR VALUES FROM (...) TO "
                "(...)\", \"FOR VALUES IN (...)\", \"FOR VALUES WITH (modulus N, remainder R)\" "
                "or DEFAULT");
      } else if (auto b = y.string(f["bound"].value, "bound")) {
        if (sql::canonical_partition_bound(*b)) {
          p.bound = *b;
          t.partition_of = p;
          ctx.mark(loc_key("partition_of", schema, t.name), y.place(f["partition_of"].value));
        } else {
          y.error(f["bound"].value,
                  "bound must be FOR VALUES FROM (...) TO (...), FOR VALUES IN (...), FOR VALUES "
                  "WITH (modulus N, remainder R) or DEFAULT");
        }
      }
    }
  } else if (f.count("bound")) {
    y.error(f["bound"].key, "bound needs partition_of (the partitioned table this is a partition "
                            "of); add it or remove bound");
  }
  if (f.count("storage_parameters")) {
    for (auto& [name, e] : y.entries(f["storage_parameters"].value, "storage_parameters",
                                     "storage parameter")) {
      std::string key = lower(name);
      if (!parameter_name(key)) {
        y.error(e.key, "storage parameter '" + name + "' is not a parameter name (letters, "
                                                     "digits and '_', as in fillfactor)");
        continue;
      }
      if (!e.value.is_scalar() || e.value.scalar().empty()) {
        y.error(e.value, "storage parameter '" + name + "' needs a value, as in fillfactor: 70");
        continue;
      }
      if (auto v = y.name(e.value, "storage parameter")) t.storage_parameters[key] = *v;
    }
  }
  if (f.count("replica_identity")) {
    const YamlNode& n = f["replica_identity"].value;
    const char* help = "replica_identity must be default, full, nothing or {index: name}";
    if (n.is_map()) {
      auto r = y.fields(n, "replica_identity", {"index"});
      if (!r.count("index")) {
        y.error(n, help);
      } else if (auto v = y.name(r["index"].value, "index")) {
        t.replica_identity = {ReplicaIdentity::Kind::kIndex, *v};
      }
    } else if (auto v = y.string(n, "replica_identity")) {
      std::string k = lower(*v);
      if (k == "default") t.replica_identity = {};
      else if (k == "full") t.replica_identity = {ReplicaIdentity::Kind::kFull, ""};
      else if (k == "nothing") t.replica_identity = {ReplicaIdentity::Kind::kNothing, ""};
      else y.error(n, help);
    }
  }
}

void read_column_properties(YamlFields& y, std::map<std::string, YamlFields::Entry>& f,
                            Column& c) {
  if (f.count("statistics"))
    if (auto v = y.integer(f["statistics"].value, "statistics")) {
      if (*v < -1 || *v > 10000)
        y.error(f["statistics"].value, "statistics must be between 0 and 10000 (or -1 for the "
                                       "default)");
      else if (*v >= 0)
        c.statistics = static_cast<int>(*v);
    }
  if (f.count("storage"))
    if (auto v = y.string(f["storage"].value, "storage")) {
      std::string k = lower(*v);
      if (one_of(k, {"plain", "external", "extended", "main"}))
        c.storage = k;
      else
        y.error(f["storage"].value, "storage must be plain, external, extended or main");
    }
  if (f.count("compression"))
    if (auto v = y.string(f["compression"].value, "compression")) {
      std::string k = lower(*v);
      if (one_of(k, {"pglz", "lz4"}))
        c.compression = k;
      else if (k != "default")
        y.error(f["compression"].value, "compression must be pglz, lz4 or default");
    }
}

}  // namespace strata::model
