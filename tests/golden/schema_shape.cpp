#include "golden/schema_shape.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "sql/partition.h"

namespace strata::golden {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string opt(const std::optional<std::string>& s) { return s ? "'" + *s + "'" : "-"; }

std::string seq_opts(const model::SequenceOptions& o) {
  auto n = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; };
  return n(o.start) + "/" + n(o.increment) + "/" + n(o.min_value) + "/" + n(o.max_value) + "/" +
         n(o.cache) + (o.cycle ? "/cycle" : "");
}

std::string deferral(const model::Deferral& d) {
  return d.deferrable ? (d.initially_deferred ? " deferred" : " deferrable") : "";
}

void index_shape(std::ostringstream& o, const model::Index& ix) {
  o << "    index " << ix.name << (ix.unique ? " unique" : "") << " " << ix.method << " (";
  for (const auto& k : ix.keys)
    o << (k.expression ? "<expr>" : k.column) << (k.descending ? " desc" : "")
      << static_cast<int>(k.nulls) << (k.opclass ? " " + *k.opclass : "") << ";";
  o << ") include(" << join(ix.include) << ")" << (ix.where ? " partial" : "")
    << (ix.nulls_not_distinct ? " nnd" : "") << " comment " << opt(ix.comment) << "\n";
}

}  // namespace

std::string shape(const model::Schema& schema) {
  std::ostringstream o;
  auto trigger_shape = [&](const std::string& n, const model::Trigger& tg) {
    o << "    trigger " << n << " " << tg.timing << " " << join(tg.events) << " of ("
      << join(tg.update_of) << ")" << (tg.for_each_row ? " row" : " statement")
      << (tg.when ? " when" : "") << " " << tg.function << "(" << join(tg.arguments) << ") "
      << tg.enabled << (tg.constraint ? " constraint" : "") << deferral(tg.deferral)
      << " comment " << opt(tg.comment) << "\n";
  };
  for (const auto& [name, e] : schema.extensions)
    o << "extension " << name << " in " << e.schema << "\n";
  for (const auto& [ns_name, ns] : schema.namespaces) {
    bool empty = ns.tables.empty() && ns.enums.empty() && ns.sequences.empty() &&
                 ns.views.empty() && ns.domains.empty() && ns.composite_types.empty() &&
                 ns.collations.empty() && ns.text_search_configs.empty() &&
                 ns.functions.empty() && ns.aggregates.empty() && !ns.comment;
    if (ns_name == "public" && empty) continue;  // always there, whatever the model says
    o << "schema " << ns_name << " comment " << opt(ns.comment) << "\n";
    for (const auto& [name, e] : ns.enums)
      o << "  enum " << name << " (" << join(e.labels) << ") comment " << opt(e.comment) << "\n";
    for (const auto& [name, d] : ns.domains) {
      o << "  domain " << name << " " << d.type << (d.nullable ? "" : " not null") << " collate "
        << opt(d.collation) << (d.default_expr ? " default" : "") << " checks(";
      for (const auto& [check, _] : d.checks) o << check << ";";
      o << ") comment " << opt(d.comment) << "\n";
    }
    // Attributes by name: ADD ATTRIBUTE puts one back last, as with columns.
    for (const auto& [name, ct] : ns.composite_types) {
      std::map<std::string, const model::CompositeAttribute*> attributes;
      for (const auto& at : ct.attributes) attributes[at.name] = &at;
      o << "  composite type " << name << " (";
      for (const auto& [an, at] : attributes) o << an << " " << at->type << " collate " << opt(at->collation) << ";";
      o << ") comment " << opt(ct.comment) << "\n";
    }
    for (const auto& [name, c] : ns.collations)
      o << "  collation " << name << " " << c.provider << " " << opt(c.locale) << " " << opt(c.lc_collate) << " "
        << opt(c.lc_ctype) << (c.deterministic ? "" : " nondeterministic") << " comment " << opt(c.comment) << "\n";
    for (const auto& [name, c] : ns.text_search_configs) {
      o << "  text search configuration " << name << " parser " << c.parser << " (";
      for (const auto& [token, dictionaries] : c.mappings) o << token << ":" << join(dictionaries) << ";";
      o << ") comment " << opt(c.comment) << "\n";
    }
    for (const auto& [name, s] : ns.sequences)
      o << "  sequence " << name << " " << s.type << " " << seq_opts(s.options) << " owned "
        << opt(s.owned_by) << " comment " << opt(s.comment) << "\n";
    for (const auto& [name, t] : ns.tables) {
      o << "  table " << name << (t.unlogged ? " unlogged" : "") << " comment " << opt(t.comment)
        << "\n";
      if (t.partition_by)
        o << "    partition by " << sql::canonical_partition_key(*t.partition_by).value_or("?") << "\n";
      for (const auto& parent : t.inherits) o << "    inherits " << parent.str() << "\n";
      if (t.partition_of)
        o << "    partition of " << t.partition_of->parent.str() << " "
          << sql::canonical_partition_bound(t.partition_of->bound).value_or("?") << "\n";
      for (const auto& [k, v] : t.storage_parameters) o << "    with " << k << "=" << v << "\n";
      if (t.replica_identity != model::ReplicaIdentity{})
        o << "    replica identity " << static_cast<int>(t.replica_identity.kind) << " "
          << t.replica_identity.index << "\n";
      std::vector<model::Column> cols = t.columns;
      std::sort(cols.begin(), cols.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
      for (const auto& c : cols) {
        o << "    column " << c.name << " " << c.type << (c.nullable ? "" : " not null")
          << " collate " << opt(c.collation) << (c.default_expr ? " default" : "")
          << (c.generated ? " generated" : "");
        if (c.identity)
          o << " identity " << static_cast<int>(c.identity->kind) << " "
            << seq_opts(c.identity->options);
        if (c.statistics) o << " statistics " << *c.statistics;
        o << " storage " << opt(c.storage) << " compression " << opt(c.compression);
        o << " comment " << opt(c.comment) << "\n";
      }
      if (t.primary_key)
        o << "    pk " << t.primary_key->name << " (" << join(t.primary_key->columns) << ")"
          << deferral(t.primary_key->deferral) << "\n";
      for (const auto& [n, u] : t.uniques)
        o << "    unique " << n << " (" << join(u.columns) << ")"
          << (u.nulls_not_distinct ? " nnd" : "") << deferral(u.deferral) << "\n";
      for (const auto& [n, c] : t.checks)
        o << "    check " << n << (c.no_inherit ? " no inherit" : "") << (c.not_valid ? " not valid" : "")
          << "\n";
      for (const auto& [n, f] : t.foreign_keys)
        o << "    fk " << n << " (" << join(f.columns) << ") -> " << f.ref_table.str() << " ("
          << join(f.ref_columns) << ") del " << static_cast<int>(f.on_delete) << " upd "
          << static_cast<int>(f.on_update) << " match " << static_cast<int>(f.match)
          << deferral(f.deferral) << (f.not_valid ? " not valid" : "") << "\n";
      for (const auto& [n, x] : t.exclusions) {
        o << "    exclusion " << n << " " << x.method << " (";
        for (const auto& el : x.elements) o << el.op << (el.opclass ? " " + *el.opclass : "") << ";";
        o << ") include(" << join(x.include) << ")" << (x.where ? " partial" : "")
          << deferral(x.deferral) << "\n";
      }
      for (const auto& [_, ix] : t.indexes) index_shape(o, ix);
      for (const auto& [n, tg] : t.triggers) trigger_shape(n, tg);
      for (const auto& [grantee, privileges] : t.access.grants) {
        o << "    grant to " << grantee << ":";
        for (const auto& [p, g] : privileges) o << " " << p << (g ? "+" : "");
        o << "\n";
      }
      if (t.row_security.enabled || t.row_security.forced)
        o << "    row level security" << (t.row_security.enabled ? " enabled" : "")
          << (t.row_security.forced ? " forced" : "") << "\n";
      for (const auto& [n, p] : t.policies)
        o << "    policy " << n << " " << model::policy_command_name(p.command)
          << (p.permissive ? "" : " restrictive") << " to " << join(p.roles)
          << (p.using_expr ? " using" : "") << (p.with_check_expr ? " with check" : "") << "\n";
    }
    for (const auto& [key, fn] : ns.functions) {
      o << "  " << (fn.procedure ? "procedure " : "function ") << key << " -> " << fn.returns
        << " " << fn.language << " " << fn.volatility << (fn.strict ? " strict" : "")
        << (fn.security_definer ? " definer" : "") << " parallel " << fn.parallel << " args (";
      for (const auto& a : fn.arguments)
        o << a.mode << " " << a.name << " " << a.type << (a.default_expr ? " default" : "") << ";";
      o << ") body " << fn.body.size() << " comment " << opt(fn.comment) << "\n";
    }
    for (const auto& [key, ag] : ns.aggregates)
      o << "  aggregate " << key << " " << ag.sfunc << " " << ag.stype << " comment "
        << opt(ag.comment) << "\n";
    for (const auto& [name, v] : ns.views) {
      o << "  " << (v.materialized ? "materialized view " : "view ") << name
        << (v.with_no_data ? " with no data" : "") << " comment " << opt(v.comment) << "\n";
      for (const auto& [_, ix] : v.indexes) index_shape(o, ix);
      for (const auto& [n, tg] : v.triggers) trigger_shape(n, tg);
    }
  }
  return o.str();
}

}  // namespace strata::golden
