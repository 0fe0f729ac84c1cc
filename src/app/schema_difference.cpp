#include "app/schema_difference.h"

#include <algorithm>

#include "codegen/statement_writer.h"
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
std::string show(const model::Domain& d) {
  std::string out = d.type + (d.collation ? " COLLATE " + codegen::dotted(*d.collation) : "");
  if (d.default_expr) out += " DEFAULT " + *d.default_expr;
  if (!d.nullable) out += " NOT NULL";
  for (const auto& [name, check] : d.checks) out += " CONSTRAINT " + sql::quote_ident(name) + " CHECK (" + check + ")";
  return with_comment(out, d.comment);
}
std::string show(const model::CompositeType& t) {
  std::string out = "(";
  for (const auto& a : t.attributes)
    out += (out.size() > 1 ? ", " : "") + sql::quote_ident(a.name) + " " + a.type +
           (a.collation ? " COLLATE " + codegen::dotted(*a.collation) : "");
  return with_comment(out + ")", t.comment);
}
std::string show(const model::Collation& c) {
  std::string out = "provider = " + c.provider;
  if (c.locale) out += ", locale = " + sql::quote_literal(*c.locale);
  if (c.lc_collate) out += ", lc_collate = " + sql::quote_literal(*c.lc_collate);
  if (c.lc_ctype) out += ", lc_ctype = " + sql::quote_literal(*c.lc_ctype);
  if (!c.deterministic) out += ", deterministic = false";
  return with_comment(out, c.comment);
}
std::string show(const model::TextSearchConfig& c) {
  std::string out = "PARSER = " + c.parser;
  for (const auto& [token, dictionaries] : c.mappings) {
    out += ", " + token + " WITH ";
    for (size_t i = 0; i < dictionaries.size(); ++i) out += (i ? ", " : "") + dictionaries[i];
  }
  return with_comment(out, c.comment);
}
std::string show(const model::Extension& e) {
  return e.name + " SCHEMA " + e.schema + (e.version ? " VERSION " + *e.version : "");
}

template <typename T>
std::string differs(const std::string& what, const T& a, const T& b) {
  return what + " differs: first `" + show(a) + "`, second `" + show(b) + "`";
}

// The first key present in only one map, or whose values differ.
template <typename Map>
std::string compare_maps(const Map& a, const Map& b, const std::string& kind, const std::string& prefix) {
  for (const auto& [name, value] : a) {
    auto it = b.find(name);
    if (it == b.end()) return kind + " " + prefix + name + " is only in the first";
    if (!(value == it->second)) return differs(kind + " " + prefix + name, value, it->second);
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
    for (auto d : {compare_maps(ns.enums, other.enums, "enum", prefix),
                   compare_maps(ns.domains, other.domains, "domain", prefix),
                   compare_maps(ns.composite_types, other.composite_types, "composite type", prefix),
                   compare_maps(ns.collations, other.collations, "collation", prefix),
                   compare_maps(ns.text_search_configs, other.text_search_configs, "text search configuration", prefix),
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
