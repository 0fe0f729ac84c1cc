#include "app/schema_difference.h"

#include <algorithm>

#include "codegen/collation_sql.h"
#include "codegen/composite_type_sql.h"
#include "codegen/domain_sql.h"
#include "codegen/statement_writer.h"
#include "codegen/text_search_config_sql.h"
#include "sql/quote.h"

namespace strata::app {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ';' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string with_comment(std::string text, const std::optional<std::string>& comment) {
  if (comment) text += " COMMENT " + sql::quote_literal(*comment);
  return text;
}

std::string show(const model::Column& c) {
  return with_comment(codegen::column_definition(c), c.comment);
}
std::string show(const model::UniqueConstraint& c) { return codegen::constraint_definition(c); }
std::string show(const model::CheckConstraint& c) { return codegen::constraint_definition(c); }
std::string show(const model::ForeignKey& c) { return codegen::constraint_definition(c); }
std::string show(const model::ExclusionConstraint& c) { return codegen::constraint_definition(c); }
// An index without its table (the message names the table before it).
std::string show(const model::Index& ix) {
  std::string text = trimmed(codegen::create_index({"public", "t"}, ix));
  std::string on = " ON public.t ";
  if (auto at = text.find(on); at != std::string::npos) text.replace(at, on.size(), " ");
  return with_comment(text, ix.comment);
}
std::string show(const model::EnumType& e) {
  std::string out = "(";
  for (const auto& l : e.labels) out += (out.size() > 1 ? ", " : "") + sql::quote_literal(l);
  return with_comment(out + ")", e.comment);
}
std::string show(const model::Sequence& s) {
  return with_comment(s.type + codegen::sequence_options(s.options) +
                          (s.owned_by ? " OWNED BY " + *s.owned_by : ""),
                      s.comment);
}
std::string show(const model::View& v) {
  return with_comment(std::string(v.materialized ? "MATERIALIZED " : "") + "AS " + v.query,
                      v.comment);
}
std::string show(const model::Extension& e) {
  return e.name + " SCHEMA " + e.schema + (e.version ? " VERSION " + *e.version : "");
}
// The statements codegen writes to create `value` as `name`, on one line.
template <typename Create, typename Value>
std::string created_as(const std::string& schema, const std::string& name, const Value& value,
                       std::string (*sql)(const Create&)) {
  std::string text = trimmed(sql(Create{{schema, name}, value}));
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}
std::string show(const model::Domain& d, const std::string& schema, const std::string& name) {
  return created_as<diff::CreateDomain>(schema, name, d, codegen::domain_sql);
}
std::string show(const model::CompositeType& t, const std::string& schema, const std::string& name) {
  return created_as<diff::CreateCompositeType>(schema, name, t, codegen::composite_type_sql);
}
std::string show(const model::Collation& c, const std::string& schema, const std::string& name) {
  return created_as<diff::CreateCollation>(schema, name, c, codegen::collation_sql);
}
std::string show(const model::TextSearchConfig& c, const std::string& schema, const std::string& name) {
  return created_as<diff::CreateTextSearchConfig>(schema, name, c, codegen::text_search_config_sql);
}
// Every other kind shows its definition without its name.
template <typename T>
std::string show(const T& value, const std::string&, const std::string&) {
  return show(value);
}

template <typename T>
std::string differs(const std::string& what, const T& a, const T& b) {
  return what + " differs: first `" + show(a) + "`, second `" + show(b) + "`";
}

// The first key present in only one map, or whose values differ; `schema`
// is the objects' schema (empty for a table's constraints and indexes).
template <typename Map>
std::string compare_maps(const Map& a, const Map& b, const std::string& kind, const std::string& schema) {
  const std::string prefix = schema.empty() ? "" : schema + ".";
  for (const auto& [name, value] : a) {
    auto it = b.find(name);
    if (it == b.end()) return kind + " " + prefix + name + " is only in the first";
    if (!(value == it->second))
      return kind + " " + prefix + name + " differs: first `" + show(value, schema, name) + "`, second `" +
             show(it->second, schema, name) + "`";
  }
  for (const auto& [name, value] : b)
    if (!a.count(name)) return kind + " " + prefix + name + " is only in the second";
  return {};
}

std::string compare_tables(const model::Table& a, const model::Table& b, const std::string& qualified) {
  std::string where = "table " + qualified + ": ";
  for (const auto& c : a.columns) {
    const model::Column* other = b.find_column(c.name);
    if (!other) return where + "column " + c.name + " is only in the first";
    if (!(c == *other)) return where + differs("column " + c.name, c, *other);
  }
  for (const auto& c : b.columns)
    if (!a.find_column(c.name)) return where + "column " + c.name + " is only in the second";
  if (!(a.primary_key == b.primary_key)) {
    auto pk = [](const auto& p) { return p ? codegen::constraint_definition(*p) : std::string("none"); };
    return where + "primary key differs: first `" + pk(a.primary_key) + "`, second `" +
           pk(b.primary_key) + "`";
  }
  for (auto d : {compare_maps(a.uniques, b.uniques, "unique constraint", ""),
                 compare_maps(a.checks, b.checks, "check constraint", ""),
                 compare_maps(a.foreign_keys, b.foreign_keys, "foreign key", ""),
                 compare_maps(a.exclusions, b.exclusions, "exclusion constraint", ""),
                 compare_maps(a.indexes, b.indexes, "index", "")})
    if (!d.empty()) return where + d;
  auto opt = [](const std::optional<std::string>& s) { return s ? sql::quote_literal(*s) : std::string("none"); };
  if (a.comment != b.comment)
    return where + "comment differs: first " + opt(a.comment) + ", second " + opt(b.comment);
  if (a.unlogged != b.unlogged)
    return where + "UNLOGGED differs: first " + (a.unlogged ? "unlogged" : "logged") + ", second " +
           (b.unlogged ? "unlogged" : "logged");
  return where + "differs";
}

}  // namespace

model::Schema without_column_order(model::Schema schema) {
  for (auto& [_, ns] : schema.namespaces) {
    for (auto& [_, t] : ns.tables)
      std::sort(t.columns.begin(), t.columns.end(),
                [](const model::Column& x, const model::Column& y) { return x.name < y.name; });
    // ADD ATTRIBUTE puts an attribute back last, as ADD COLUMN does a column.
    for (auto& [_, ct] : ns.composite_types)
      std::sort(ct.attributes.begin(), ct.attributes.end(),
                [](const model::CompositeAttribute& x, const model::CompositeAttribute& y) { return x.name < y.name; });
  }
  return schema;
}

std::string first_difference(const model::Schema& first, const model::Schema& second) {
  model::Schema a = without_column_order(first);
  model::Schema b = without_column_order(second);
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
    for (auto d : {compare_maps(ns.enums, other.enums, "enum", name),
                   compare_maps(ns.domains, other.domains, "domain", name),
                   compare_maps(ns.composite_types, other.composite_types, "composite type", name),
                   compare_maps(ns.collations, other.collations, "collation", name),
                   compare_maps(ns.text_search_configs, other.text_search_configs, "text search configuration", name),
                   compare_maps(ns.sequences, other.sequences, "sequence", name),
                   compare_maps(ns.views, other.views, "view", name)})
      if (!d.empty()) return d;
    if (ns.comment != other.comment) return "schema " + name + ": comment differs";
  }
  for (const auto& [name, ns] : b.namespaces)
    if (!a.namespaces.count(name)) return "schema " + name + " is only in the second";
  return "the models differ";
}

}  // namespace strata::app
