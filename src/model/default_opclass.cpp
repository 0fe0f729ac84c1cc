#include "model/default_opclass.h"

#include <map>
#include <utility>

#include "model/type_name.h"

namespace strata::model {
namespace {

using Key = std::pair<std::string_view, std::string_view>;  // method, input type

// pg_opclass rows with opcdefault in pg_catalog (PostgreSQL 15), for the
// methods and types a schema commonly indexes.
const std::map<Key, std::string_view>& defaults() {
  static const std::map<Key, std::string_view> table = [] {
    std::map<Key, std::string_view> t;
    // Types whose btree and hash opclasses share one name.
    const std::pair<std::string_view, std::string_view> both[] = {
        {"\"char\"", "char_ops"},
        {"anyarray", "array_ops"},
        {"anyenum", "enum_ops"},
        {"bigint", "int8_ops"},
        {"boolean", "bool_ops"},
        {"bytea", "bytea_ops"},
        {"character", "bpchar_ops"},
        {"date", "date_ops"},
        {"double precision", "float8_ops"},
        {"inet", "inet_ops"},
        {"integer", "int4_ops"},
        {"interval", "interval_ops"},
        {"jsonb", "jsonb_ops"},
        {"macaddr", "macaddr_ops"},
        {"macaddr8", "macaddr8_ops"},
        {"name", "name_ops"},
        {"numeric", "numeric_ops"},
        {"oid", "oid_ops"},
        {"pg_lsn", "pg_lsn_ops"},
        {"real", "float4_ops"},
        {"smallint", "int2_ops"},
        {"text", "text_ops"},
        {"time with time zone", "timetz_ops"},
        {"time without time zone", "time_ops"},
        {"timestamp with time zone", "timestamptz_ops"},
        {"timestamp without time zone", "timestamp_ops"},
        {"uuid", "uuid_ops"},
        {"xid8", "xid8_ops"},
    };
    for (const auto& [type, opclass] : both) {
      t[{"btree", type}] = opclass;
      t[{"hash", type}] = opclass;
    }
    const std::pair<std::string_view, std::string_view> btree_only[] = {
        {"bit", "bit_ops"},        {"bit varying", "varbit_ops"}, {"money", "money_ops"},
        {"tsquery", "tsquery_ops"}, {"tsvector", "tsvector_ops"},
    };
    for (const auto& [type, opclass] : btree_only) t[{"btree", type}] = opclass;
    t[{"gin", "anyarray"}] = "array_ops";
    t[{"gin", "jsonb"}] = "jsonb_ops";
    t[{"gin", "tsvector"}] = "tsvector_ops";
    t[{"gist", "box"}] = "box_ops";
    t[{"gist", "circle"}] = "circle_ops";
    t[{"gist", "point"}] = "point_ops";
    t[{"gist", "polygon"}] = "poly_ops";
    t[{"gist", "tsquery"}] = "tsquery_ops";
    t[{"gist", "tsvector"}] = "tsvector_ops";
    t[{"spgist", "box"}] = "box_ops";
    t[{"spgist", "inet"}] = "inet_ops";
    t[{"spgist", "point"}] = "quad_point_ops";
    t[{"spgist", "polygon"}] = "poly_ops";
    t[{"spgist", "text"}] = "text_ops";
    const std::pair<std::string_view, std::string_view> brin[] = {
        {"\"char\"", "char_minmax_ops"},
        {"bigint", "int8_minmax_ops"},
        {"bit", "bit_minmax_ops"},
        {"bit varying", "varbit_minmax_ops"},
        {"box", "box_inclusion_ops"},
        {"bytea", "bytea_minmax_ops"},
        {"character", "bpchar_minmax_ops"},
        {"date", "date_minmax_ops"},
        {"double precision", "float8_minmax_ops"},
        {"inet", "inet_inclusion_ops"},
        {"integer", "int4_minmax_ops"},
        {"interval", "interval_minmax_ops"},
        {"macaddr", "macaddr_minmax_ops"},
        {"macaddr8", "macaddr8_minmax_ops"},
        {"name", "name_minmax_ops"},
        {"numeric", "numeric_minmax_ops"},
        {"oid", "oid_minmax_ops"},
        {"pg_lsn", "pg_lsn_minmax_ops"},
        {"real", "float4_minmax_ops"},
        {"smallint", "int2_minmax_ops"},
        {"text", "text_minmax_ops"},
        {"time with time zone", "timetz_minmax_ops"},
        {"time without time zone", "time_minmax_ops"},
        {"timestamp with time zone", "timestamptz_minmax_ops"},
        {"timestamp without time zone", "timestamp_minmax_ops"},
        {"uuid", "uuid_minmax_ops"},
    };
    for (const auto& [type, opclass] : brin) t[{"brin", type}] = opclass;
    for (std::string_view method : {"btree", "hash", "gist", "spgist"})
      t[{method, "anyrange"}] = "range_ops";
    t[{"brin", "anyrange"}] = "range_inclusion_ops";
    return t;
  }();
  return table;
}

}  // namespace

std::optional<std::string> default_opclass(std::string_view method, std::string_view type,
                                           bool type_is_enum) {
  std::string base = strip_type_modifiers(serial_base_type(type));
  std::string_view input = base;
  if (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0)
    input = "anyarray";
  else if (type_is_enum)
    input = "anyenum";
  else if (base == "character varying")
    input = "text";  // binary coercible; PostgreSQL picks text's opclass
  else if (base == "cidr")
    input = "inet";
  else if (base == "int4range" || base == "int8range" || base == "numrange" ||
           base == "tsrange" || base == "tstzrange" || base == "daterange")
    input = "anyrange";
  auto it = defaults().find({method, input});
  if (it == defaults().end()) return std::nullopt;
  return std::string(it->second);
}

}  // namespace strata::model
