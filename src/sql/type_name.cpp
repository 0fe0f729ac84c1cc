#include "sql/type_name.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "sql/parse_result.h"
#include "sql/quote.h"

namespace strata::sql {
namespace {

// Types of pg_catalog by their internal names: a one-part name among these is
// a built-in, anything else a user type resolved in the default schema.
constexpr std::array<std::string_view, 72> kBuiltinTypes = {
    "aclitem", "bit", "bool", "box", "bpchar", "bytea", "char", "cid", "cidr", "circle",
    "cstring", "date", "datemultirange", "daterange", "float4", "float8", "inet", "int2",
    "int2vector", "int4", "int4multirange", "int4range", "int8", "int8multirange", "int8range",
    "interval", "json", "jsonb", "jsonpath", "line", "lseg", "macaddr", "macaddr8", "money",
    "name", "numeric", "nummultirange", "numrange", "oid", "oidvector", "path", "pg_lsn",
    "pg_snapshot", "point", "polygon", "record", "refcursor", "regclass", "regcollation",
    "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator", "regproc",
    "regprocedure", "regrole", "regtype", "text", "tid", "time", "timestamp", "timestamptz",
    "timetz", "tsmultirange", "tsquery", "tsrange", "tstzmultirange", "tstzrange", "tsvector",
    "uuid", "varbit"};

bool is_builtin(std::string_view name) {
  return std::find(kBuiltinTypes.begin(), kBuiltinTypes.end(), name) != kBuiltinTypes.end() ||
         name == "varchar" || name == "xml" || name == "xid" || name == "xid8" ||
         name == "txid_snapshot" || name == "void";
}

std::string constant_text(const nlohmann::json& node) {
  if (auto c = node.find("A_Const"); c != node.end()) {
    if (auto v = c->find("ival"); v != c->end()) return std::to_string(v->value("ival", 0LL));
    if (auto v = c->find("fval"); v != c->end()) return v->value("fval", "");
    if (auto v = c->find("sval"); v != c->end()) return quote_literal(v->value("sval", ""));
  }
  if (auto r = node.find("ColumnRef"); r != node.end()) {
    std::string out;
    for (const auto& f : r->value("fields", nlohmann::json::array()))
      if (f.contains("String")) out += (out.empty() ? "" : ".") + f["String"].value("sval", "");
    return out;
  }
  return node.dump();
}

// A name part for a key: as is when it is a plain lower-case word, quoted
// otherwise, so "a.b" as one part never meets a and b as two.
std::string key_part(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) plain = false;
  return plain ? name : quote_ident(name);
}

}  // namespace

static std::optional<TypeName> parse_type_name_uncached(std::string_view text);

std::optional<TypeName> parse_type_name(std::string_view text) {
  // A model names a few types thousands of times (every column): each text
  // is parsed once per thread. Bounded, so hostile input cannot grow it.
  // Only short texts are kept: the cache stays small whatever the input.
  if (text.size() > 1024) return parse_type_name_uncached(text);
  thread_local std::unordered_map<std::string, std::optional<TypeName>> memo;
  auto hit = memo.find(std::string(text));
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 4096) memo.clear();
  auto parsed = parse_type_name_uncached(text);
  memo.emplace(std::string(text), parsed);
  return parsed;
}

static std::optional<TypeName> parse_type_name_uncached(std::string_view text) {
  // The newline keeps a trailing "--" comment from swallowing nothing but
  // itself; anything that closes the cast early fails to parse or yields a
  // second target.
  std::string sql = "SELECT NULL::" + std::string(text) + "\n";
  auto r = parse(sql);
  if (!r.ok()) return std::nullopt;
  const auto& stmts = (*r.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return std::nullopt;
  const auto& select = stmts[0]["stmt"].value("SelectStmt", nlohmann::json());
  if (!select.is_object() || select.size() != 3) return std::nullopt;  // targetList, limitOption, op
  const auto& targets = select.value("targetList", nlohmann::json());
  if (!targets.is_array() || targets.size() != 1) return std::nullopt;
  if (targets[0]["ResTarget"].contains("name")) return std::nullopt;  // "int4 x": an alias
  const auto& val = targets[0]["ResTarget"].value("val", nlohmann::json());
  if (!val.is_object() || !val.contains("TypeCast")) return std::nullopt;
  const auto& cast = val["TypeCast"];
  // "NULL::a::b" would be two casts.
  if (!cast["arg"].contains("A_Const")) return std::nullopt;
  const auto& tn = cast["typeName"];

  TypeName out;
  for (const auto& n : tn.value("names", nlohmann::json::array()))
    if (n.contains("String")) out.names.push_back(n["String"].value("sval", ""));
  for (const auto& m : tn.value("typmods", nlohmann::json::array()))
    out.typmods.push_back(constant_text(m));
  out.array_dimensions = static_cast<int>(tn.value("arrayBounds", nlohmann::json::array()).size());
  out.setof = tn.value("setof", false);
  out.pct_type = tn.value("pct_type", false);
  if (out.names.empty()) return std::nullopt;
  return out;
}

std::string type_key(const TypeName& type, std::string_view default_schema) {
  std::vector<std::string> names = type.names;
  if (names.size() == 2 && names[0] == "pg_catalog") names.erase(names.begin());
  if (names.size() == 1 && !is_builtin(names[0]) && !type.pct_type)
    names.insert(names.begin(), std::string(default_schema));
  std::string key;
  if (type.setof) key += "setof ";
  for (std::size_t i = 0; i < names.size(); ++i) key += (i ? "." : "") + key_part(names[i]);
  if (type.pct_type) key += "%type";
  if (!type.typmods.empty()) {
    key += "(";
    for (std::size_t i = 0; i < type.typmods.size(); ++i) key += (i ? "," : "") + type.typmods[i];
    key += ")";
  }
  for (int i = 0; i < type.array_dimensions; ++i) key += "[]";
  return key;
}

std::optional<std::string> type_key(std::string_view text, std::string_view default_schema) {
  auto t = parse_type_name(text);
  if (!t) return std::nullopt;
  return type_key(*t, default_schema);
}

}  // namespace strata::sql
