#include "introspect/model_dump.h"

#include <sstream>

namespace strata::introspect::testing {
namespace {

std::string opt(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "-"; }
std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }

std::string list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out + "]";
}

std::string options(const model::SequenceOptions& o) {
  return "start=" + opt(o.start) + " inc=" + opt(o.increment) + " min=" + opt(o.min_value) +
         " max=" + opt(o.max_value) + " cache=" + opt(o.cache) + " cycle=" +
         std::to_string(o.cycle);
}

std::string deferral(const model::Deferral& d) {
  return " deferrable=" + std::to_string(d.deferrable) +
         " deferred=" + std::to_string(d.initially_deferred);
}

void index(std::ostream& os, const model::Index& i) {
  os << "    index " << i.name << " unique=" << i.unique << " nnd=" << i.nulls_not_distinct
     << " method=" << i.method << " include=" << list(i.include) << " where=" << opt(i.where)
     << " comment=" << opt(i.comment) << "\n";
  for (const auto& k : i.keys)
    os << "      key col=" << k.column << " expr=" << opt(k.expression) << " desc=" << k.descending
       << " nulls=" << static_cast<int>(k.nulls) << " opclass=" << opt(k.opclass)
       << " collation=" << opt(k.collation) << "\n";
}

void triggers(std::ostream& os, const std::map<std::string, model::Trigger>& all);

void table(std::ostream& os, const model::Table& t) {
  os << "  table " << t.name << " unlogged=" << t.unlogged << " comment=" << opt(t.comment)
     << " partition_by=" << opt(t.partition_by) << " partition_of="
     << (t.partition_of ? t.partition_of->parent.str() + " " + t.partition_of->bound : "-")
     << " replica_identity=" << static_cast<int>(t.replica_identity.kind) << t.replica_identity.index;
  for (const auto& [k, v] : t.storage_parameters) os << " " << k << "=" << v;
  for (const auto& p : t.inherits) os << " inherits=" << p.str();
  os << "\n";
  for (const auto& c : t.columns) {
    os << "    column " << c.name << " type=" << c.type << " nullable=" << c.nullable
       << " default=" << opt(c.default_expr) << " collation=" << opt(c.collation)
       << " generated=" << opt(c.generated) << " comment=" << opt(c.comment)
       << " statistics=" << (c.statistics ? std::to_string(*c.statistics) : "-")
       << " storage=" << opt(c.storage) << " compression=" << opt(c.compression)
       << " sequence_logged=" << (c.sequence_logged ? (*c.sequence_logged ? "true" : "false") : "-");
    if (c.identity)
      os << " identity=" << (c.identity->kind == model::IdentityKind::kAlways ? "always" : "default")
         << " " << options(c.identity->options);
    os << "\n";
  }
  if (t.primary_key)
    os << "    pk " << t.primary_key->name << " " << list(t.primary_key->columns)
       << deferral(t.primary_key->deferral) << "\n";
  for (const auto& [n, u] : t.uniques)
    os << "    unique " << n << " " << list(u.columns) << " nnd=" << u.nulls_not_distinct
       << deferral(u.deferral) << "\n";
  for (const auto& [n, c] : t.checks)
    os << "    check " << n << " '" << c.expression << "' no_inherit=" << c.no_inherit
       << " not_valid=" << c.not_valid << "\n";
  for (const auto& [n, f] : t.foreign_keys)
    os << "    fk " << n << " " << list(f.columns) << " -> " << f.ref_table.str()
       << list(f.ref_columns) << " del=" << static_cast<int>(f.on_delete)
       << " upd=" << static_cast<int>(f.on_update) << " match=" << static_cast<int>(f.match)
       << deferral(f.deferral) << " not_valid=" << f.not_valid << "\n";
  for (const auto& [n, x] : t.exclusions) {
    os << "    exclusion " << n << " method=" << x.method << " include=" << list(x.include)
       << " where=" << opt(x.where) << deferral(x.deferral) << "\n";
    for (const auto& e : x.elements)
      os << "      element " << e.expression << " op=" << e.op << " opclass=" << opt(e.opclass)
         << "\n";
  }
  for (const auto& [n, i] : t.indexes) index(os, i);
  triggers(os, t.triggers);
}

void triggers(std::ostream& os, const std::map<std::string, model::Trigger>& all) {
  for (const auto& [n, tg] : all) {
    os << "    trigger " << n << " " << tg.timing << " events=" << list(tg.events)
       << " of=" << list(tg.update_of) << " row=" << tg.for_each_row << " when=" << opt(tg.when)
       << " function=" << tg.function << " args=" << list(tg.arguments)
       << " old=" << opt(tg.old_table) << " new=" << opt(tg.new_table) << " enabled=" << tg.enabled
       << " constraint=" << tg.constraint << " deferrable=" << tg.deferral.deferrable
       << " deferred=" << tg.deferral.initially_deferred << " comment=" << opt(tg.comment) << "\n";
  }
}

}  // namespace

std::string dump(const model::Schema& schema) {
  std::ostringstream os;
  for (const auto& [n, e] : schema.extensions)
    os << "extension " << n << " version=" << opt(e.version) << " schema=" << e.schema << "\n";
  for (const auto& [n, ns] : schema.namespaces) {
    os << "schema " << n << " comment=" << opt(ns.comment) << "\n";
    for (const auto& [en, e] : ns.enums)
      os << "  enum " << en << " " << list(e.labels) << " comment=" << opt(e.comment) << "\n";
    for (const auto& [dn, d] : ns.domains) {
      os << "  domain " << dn << " type=" << d.type << " nullable=" << d.nullable
         << " default=" << opt(d.default_expr) << " collation=" << opt(d.collation)
         << " comment=" << opt(d.comment) << "\n";
      for (const auto& [cn, c] : d.checks) os << "    check " << cn << " '" << c << "'\n";
    }
    for (const auto& [tn, t] : ns.composite_types) {
      os << "  composite type " << tn << " comment=" << opt(t.comment) << "\n";
      for (const auto& a : t.attributes)
        os << "    attribute " << a.name << " type=" << a.type << " collation=" << opt(a.collation) << "\n";
    }
    for (const auto& [cn, c] : ns.collations)
      os << "  collation " << cn << " provider=" << c.provider << " locale=" << opt(c.locale)
         << " lc_collate=" << opt(c.lc_collate) << " lc_ctype=" << opt(c.lc_ctype)
         << " deterministic=" << c.deterministic << " comment=" << opt(c.comment) << "\n";
    for (const auto& [cn, c] : ns.text_search_configs) {
      os << "  text search configuration " << cn << " parser=" << c.parser << " comment=" << opt(c.comment) << "\n";
      for (const auto& [token, dictionaries] : c.mappings) {
        os << "    mapping " << token << ":";
        for (const auto& d : dictionaries) os << " " << d;
        os << "\n";
      }
    }
    for (const auto& [sn, s] : ns.sequences)
      os << "  sequence " << sn << " type=" << s.type << " " << options(s.options)
         << " owned_by=" << opt(s.owned_by) << " comment=" << opt(s.comment) << "\n";
    for (const auto& [tn, t] : ns.tables) table(os, t);
    for (const auto& [vn, v] : ns.views) {
      os << "  view " << vn << " materialized=" << v.materialized
         << " with_no_data=" << v.with_no_data << " comment=" << opt(v.comment)
         << " query='" << v.query << "'\n";
      for (const auto& [in, i] : v.indexes) index(os, i);
      triggers(os, v.triggers);
    }
    for (const auto& [key, f] : ns.functions) {
      os << "  " << (f.procedure ? "procedure " : "function ") << key << " returns=" << f.returns
         << " language=" << f.language << " " << f.volatility << " strict=" << f.strict
         << " definer=" << f.security_definer << " leakproof=" << f.leakproof
         << " parallel=" << f.parallel << " cost=" << opt(f.cost) << " rows=" << opt(f.rows)
         << " comment=" << opt(f.comment) << " args=";
      for (const auto& a : f.arguments)
        os << "[" << a.mode << "|" << a.name << "|" << a.type << "|" << opt(a.default_expr) << "]";
      for (const auto& [k, v] : f.settings) os << " set " << k << "=" << v;
      os << " body='" << f.body << "'\n";
    }
    for (const auto& [key, a] : ns.aggregates)
      os << "  aggregate " << key << " sfunc=" << a.sfunc << " stype=" << a.stype
         << " finalfunc=" << opt(a.finalfunc) << " initcond=" << opt(a.initcond)
         << " comment=" << opt(a.comment) << "\n";
  }
  return os.str();
}

}  // namespace strata::introspect::testing
