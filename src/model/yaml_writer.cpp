#include "model/yaml_writer.h"

#include "sql/quote.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "model/default_names.h"
#include "model/extension_types.h"
#include "model/type_name.h"
#include "model/yaml_fields.h"

namespace strata::model {
namespace {

const char* action_name(ReferentialAction a) {
  switch (a) {
    case ReferentialAction::kNoAction: return "no action";
    case ReferentialAction::kRestrict: return "restrict";
    case ReferentialAction::kCascade: return "cascade";
    case ReferentialAction::kSetNull: return "set null";
    case ReferentialAction::kSetDefault: return "set default";
  }
  return "no action";
}

// A block literal reads back exactly only for text of this shape.
bool literal_safe(const std::string& s) {
  if (s.size() < 2 || s.back() != '\n' || s.find("\n\n") != std::string::npos) return false;
  if (s.front() == ' ' || s.front() == '\n') return false;
  if (s.find('\t') != std::string::npos || s.find('\r') != std::string::npos) return false;
  if (s.find(" \n") != std::string::npos) return false;
  return true;
}

class Writer {
 public:
  Writer() {
    out_.SetIndent(2);
    out_.SetMapFormat(YAML::Block);
  }

  // The emitter follows a block literal with an empty line. No value holds an
  // empty line (literal_safe), so every empty line is that one: drop them.
  // A line ending in ": |" can only start a block literal (a plain scalar
  // cannot be "|" nor hold ": "); those of text without a final newline get
  // the strip indicator.
  std::string text() {
    std::string s = out_.c_str();
    if (!s.empty() && s.back() != '\n') s += '\n';
    std::string out;
    out.reserve(s.size());
    size_t literal = 0;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find('\n', start);
      std::string line = s.substr(start, end - start);
      start = end + 1;
      if (line.empty()) continue;
      if (line.size() >= 3 && line.compare(line.size() - 3, 3, ": |") == 0 &&
          literal < literal_strip_.size() && literal_strip_[literal++])
        line += "-";
      out += line + "\n";
    }
    return out;
  }

  void name_value(const char* key, const std::string& value, bool block = false) {
    out_ << YAML::Key << key << YAML::Value;
    str(value, block);
  }

  // Multi-line text becomes a block literal where that reads back exactly:
  // "|" for text ending in one newline, "|-" (set in text()) for text ending
  // in none, as pg_get_viewdef prints; anything else is double-quoted.
  // `block`: the value sits in a block mapping, where a literal may go.
  void str(const std::string& v, bool block = false) {
    if (v.find('\n') == std::string::npos) {
      out_ << v;
    } else if (!block) {
      out_ << YAML::DoubleQuoted << v;
    } else if (literal_safe(v)) {
      literal_strip_.push_back(false);
      out_ << YAML::Literal << v;
    } else if (literal_safe(v + "\n")) {
      literal_strip_.push_back(true);
      out_ << YAML::Literal << v + "\n";
    } else {
      out_ << YAML::DoubleQuoted << v;
    }
  }

  void list(const std::vector<std::string>& v) {
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const auto& s : v) str(s);
    out_ << YAML::EndSeq;
  }

  void deferral(const Deferral& d) {
    if (d.deferrable) out_ << YAML::Key << "deferrable" << YAML::Value << true;
    if (d.initially_deferred) out_ << YAML::Key << "initially_deferred" << YAML::Value << true;
  }

  void optional(const char* key, const std::optional<std::string>& v, bool block = false) {
    if (v) name_value(key, *v, block);
  }

  void sequence_options(const SequenceOptions& o) {
    auto num = [&](const char* k, const std::optional<std::int64_t>& v) {
      if (v) out_ << YAML::Key << k << YAML::Value << static_cast<long long>(*v);
    };
    num("start", o.start);
    num("increment", o.increment);
    num("min", o.min_value);
    num("max", o.max_value);
    num("cache", o.cache);
    if (o.cycle) out_ << YAML::Key << "cycle" << YAML::Value << true;
  }

  void namespace_file(const Namespace& ns, const std::map<std::string, Extension>& extensions,
                      bool with_tables, const Schema* whole) {
    out_ << YAML::BeginMap;
    name_value("schema", ns.name);
    optional("comment", ns.comment, true);
    write_access(ns.access);
    if (!extensions.empty()) write_extensions(extensions);
    std::vector<std::string> external = external_types(ns, extensions, whole);
    if (!external.empty()) {
      out_ << YAML::Key << "external_types" << YAML::Value;
      list(external);
    }
    if (!ns.enums.empty()) {
      out_ << YAML::Key << "enums" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, e] : ns.enums) write_enum(e);
      out_ << YAML::EndMap;
    }
    if (!ns.domains.empty()) {
      out_ << YAML::Key << "domains" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, d] : ns.domains) write_domain(d);
      out_ << YAML::EndMap;
    }
    if (!ns.collations.empty()) {
      out_ << YAML::Key << "collations" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, c] : ns.collations) write_collation(c);
      out_ << YAML::EndMap;
    }
    if (!ns.composite_types.empty()) {
      out_ << YAML::Key << "composite_types" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, t] : ns.composite_types) write_composite_type(t);
      out_ << YAML::EndMap;
    }
    if (!ns.text_search_configs.empty()) {
      out_ << YAML::Key << "text_search_configurations" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, c] : ns.text_search_configs) write_text_search_config(c);
      out_ << YAML::EndMap;
    }
    if (!ns.sequences.empty()) {
      out_ << YAML::Key << "sequences" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, s] : ns.sequences) write_sequence(ns.name, s);
      out_ << YAML::EndMap;
    }
    if (with_tables && !ns.tables.empty()) {
      out_ << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, t] : ns.tables) write_table(ns.name, t);
      out_ << YAML::EndMap;
    }
    if (!ns.views.empty()) {
      out_ << YAML::Key << "views" << YAML::Value << YAML::BeginMap;
      for (const auto& [name, v] : ns.views) write_view(v);
      out_ << YAML::EndMap;
    }
    write_functions(ns);
    out_ << YAML::EndMap;
  }

  void table_file(std::string_view schema, const Table& t) {
    out_ << YAML::BeginMap;
    name_value("schema", std::string(schema));
    out_ << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
    write_table(std::string(schema), t);
    out_ << YAML::EndMap << YAML::EndMap;
  }

 private:
  // User types the tables of `ns` use that the model does not define: not an
  // enum (of `ns`, or of any namespace of `whole`), not a type of a known
  // extension the model declares (in `extensions` or `whole`).
  static std::vector<std::string> external_types(const Namespace& ns,
                                                 const std::map<std::string, Extension>& extensions,
                                                 const Schema* whole) {
    std::set<std::string> out;
    std::vector<const std::string*> types;
    for (const auto& [_, t] : ns.tables)
      for (const auto& c : t.columns) types.push_back(&c.type);
    for (const auto& [_, ct] : ns.composite_types)
      for (const auto& a : ct.attributes) types.push_back(&a.type);
    {
      for (const std::string* type : types) {
        TypeName tn = canonical_type(*type, ns.name);
        if (!tn.ok() || !tn.user_type) continue;
        const Namespace* home = whole ? nullptr : (tn.user_schema == ns.name ? &ns : nullptr);
        if (whole) {
          auto it = whole->namespaces.find(tn.user_schema);
          if (it != whole->namespaces.end()) home = &it->second;
        }
        if (home && (home->enums.count(tn.user_name) || home->domains.count(tn.user_name) ||
                     home->composite_types.count(tn.user_name)))
          continue;
        if (auto ext = extension_of_type(tn.user_name)) {
          auto declared = [&](const std::map<std::string, Extension>& m) {
            auto e = m.find(*ext);
            return e != m.end() && e->second.schema == tn.user_schema;
          };
          if (declared(extensions) || (whole && declared(whole->extensions))) continue;
        }
        out.insert(qualify_user_type(tn.user_schema, tn.user_name, false));
      }
    }
    return {out.begin(), out.end()};
  }

  void write_extensions(const std::map<std::string, Extension>& extensions) {
    bool plain = true;
    for (const auto& [_, e] : extensions)
      if (e.version || e.schema != "public") plain = false;
    out_ << YAML::Key << "extensions" << YAML::Value;
    if (plain) {
      std::vector<std::string> names;
      for (const auto& [n, _] : extensions) names.push_back(n);
      list(names);
      return;
    }
    out_ << YAML::BeginMap;
    for (const auto& [n, e] : extensions) {
      out_ << YAML::Key << n << YAML::Value << YAML::Flow << YAML::BeginMap;
      optional("version", e.version);
      if (e.schema != "public") name_value("schema", e.schema);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }

  void write_enum(const EnumType& e) {
    out_ << YAML::Key << e.name << YAML::Value;
    if (!e.comment && !e.renamed_from && e.label_renamed_from.empty() && e.access == Access{}) {
      list(e.labels);
      return;
    }
    out_ << YAML::BeginMap << YAML::Key << "labels" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& l : e.labels) {
      auto r = e.label_renamed_from.find(l);
      if (r == e.label_renamed_from.end()) {
        str(l);
      } else {
        out_ << YAML::Flow << YAML::BeginMap;
        name_value("name", l);
        name_value("renamed_from", r->second);
        out_ << YAML::EndMap;
      }
    }
    out_ << YAML::EndSeq;
    optional("comment", e.comment, true);
    optional("renamed_from", e.renamed_from);
    write_access(e.access);
    out_ << YAML::EndMap;
  }

  // owner: role; grants: {grantee: [select, insert with grant option]}.
  void write_access(const Access& a) {
    optional("owner", a.owner);
    if (a.grants.empty()) return;
    out_ << YAML::Key << "grants" << YAML::Value << YAML::BeginMap;
    for (const auto& [grantee, privileges] : a.grants) {
      std::vector<std::string> words;
      for (const auto& [privilege, grantable] : privileges)
        words.push_back(lower(privilege) + (grantable ? " with grant option" : ""));
      out_ << YAML::Key << grantee << YAML::Value;
      list(words);
    }
    out_ << YAML::EndMap;
  }

  void write_collation(const Collation& c) {
    out_ << YAML::Key << c.name << YAML::Value << YAML::BeginMap;
    name_value("provider", c.provider);
    optional("locale", c.locale);
    optional("lc_collate", c.lc_collate);
    optional("lc_ctype", c.lc_ctype);
    if (!c.deterministic) out_ << YAML::Key << "deterministic" << YAML::Value << false;
    optional("comment", c.comment, true);
    out_ << YAML::EndMap;
  }

  // Attributes in order: `name: type`, or a flow mapping with the collation.
  void write_composite_type(const CompositeType& t) {
    out_ << YAML::Key << t.name << YAML::Value << YAML::BeginMap;
    out_ << YAML::Key << "attributes" << YAML::Value << YAML::BeginMap;
    for (const auto& a : t.attributes) {
      out_ << YAML::Key << a.name << YAML::Value;
      if (!a.collation) {
        str(a.type);
        continue;
      }
      out_ << YAML::Flow << YAML::BeginMap;
      name_value("type", a.type);
      name_value("collation", *a.collation);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
    optional("comment", t.comment, true);
    out_ << YAML::EndMap;
  }

  void write_text_search_config(const TextSearchConfig& c) {
    out_ << YAML::Key << c.name << YAML::Value << YAML::BeginMap;
    name_value("parser", c.parser);
    if (!c.mappings.empty()) {
      out_ << YAML::Key << "mappings" << YAML::Value << YAML::BeginMap;
      for (const auto& [token, dictionaries] : c.mappings) {
        out_ << YAML::Key << token << YAML::Value;
        list(dictionaries);
      }
      out_ << YAML::EndMap;
    }
    optional("comment", c.comment, true);
    out_ << YAML::EndMap;
  }

  // `name: type` when only the type is set; else a block mapping.
  void write_domain(const Domain& d) {
    out_ << YAML::Key << d.name << YAML::Value;
    if (!d.default_expr && d.nullable && !d.collation && d.checks.empty() && !d.comment) {
      str(d.type);
      return;
    }
    out_ << YAML::BeginMap;
    name_value("type", d.type);
    if (!d.nullable) out_ << YAML::Key << "nullable" << YAML::Value << false;
    optional("default", d.default_expr);
    optional("collation", d.collation);
    if (!d.checks.empty()) {
      out_ << YAML::Key << "checks" << YAML::Value << YAML::BeginMap;
      for (const auto& [n, expr] : d.checks) name_value(n.c_str(), expr, true);
      out_ << YAML::EndMap;
    }
    optional("comment", d.comment, true);
    out_ << YAML::EndMap;
  }

  void write_sequence(const std::string&, const Sequence& s) {
    out_ << YAML::Key << s.name << YAML::Value;
    if (s.options == SequenceOptions{} && !s.owned_by && !s.comment && s.access == Access{}) {
      str(s.type);
      return;
    }
    out_ << YAML::Flow << YAML::BeginMap;
    name_value("type", s.type);
    sequence_options(s.options);
    optional("owned_by", s.owned_by);
    optional("comment", s.comment);
    write_access(s.access);
    out_ << YAML::EndMap;
  }

  void write_view(const View& v) {
    out_ << YAML::Key << v.name << YAML::Value << YAML::BeginMap;
    name_value("query", v.query, true);
    if (v.materialized) out_ << YAML::Key << "materialized" << YAML::Value << true;
    if (v.with_no_data) out_ << YAML::Key << "with_no_data" << YAML::Value << true;
    optional("comment", v.comment, true);
    if (!v.indexes.empty()) write_indexes(v.indexes);
    if (!v.triggers.empty()) write_triggers(v.triggers);
    write_access(v.access);
    out_ << YAML::EndMap;
  }

  // What the table's constraints let us write on the column itself.
  struct Inline {
    bool primary_key = false;
    bool unique = false;
    const ForeignKey* foreign_key = nullptr;
  };

  static bool inline_primary_key(const Table& t) {
    const auto& pk = t.primary_key;
    return !t.partition_of && pk && pk->columns.size() == 1 && pk->name == primary_key_name(t.name) &&
           pk->deferral == Deferral{} && !pk->renamed_from;
  }
  static bool inline_unique(const Table& t, const UniqueConstraint& u) {
    return !t.partition_of && u.columns.size() == 1 && u.name == unique_name(t.name, u.columns) &&
           !u.nulls_not_distinct && u.deferral == Deferral{} && !u.renamed_from;
  }
  static bool inline_foreign_key(const Table& t, const ForeignKey& f) {
    return !t.partition_of && f.columns.size() == 1 && f.ref_columns.size() == 1 &&
           f.name == foreign_key_name(t.name, f.columns) && f.match == MatchType::kSimple &&
           f.deferral == Deferral{} && !f.renamed_from && !f.not_valid &&
           f.ref_table.name.find('.') == std::string::npos &&
           f.ref_table.schema.find('.') == std::string::npos;
  }

  void write_column(const std::string& schema, const Table& t, const Column& c, const Inline& in) {
    bool in_pk = t.primary_key && std::find(t.primary_key->columns.begin(),
                                            t.primary_key->columns.end(),
                                            c.name) != t.primary_key->columns.end();
    bool implied_not_null = in_pk || c.identity || is_serial_type(c.type);
    bool bare = (c.nullable || implied_not_null) && !c.default_expr && !c.collation &&
                !c.identity && !c.generated && !c.comment && !c.renamed_from &&
                !c.using_expr && !in.primary_key && !in.unique && !in.foreign_key &&
                !c.statistics && !c.storage && !c.compression && !c.sequence_logged;
    out_ << YAML::Key << c.name << YAML::Value;
    if (bare) {
      str(c.type);
      return;
    }
    out_ << YAML::Flow << YAML::BeginMap;
    name_value("type", c.type);
    if (!c.nullable && !implied_not_null) out_ << YAML::Key << "nullable" << YAML::Value << false;
    optional("default", c.default_expr);
    if (c.identity) {
      const char* kind = c.identity->kind == IdentityKind::kAlways ? "always" : "by default";
      out_ << YAML::Key << "identity" << YAML::Value;
      if (c.identity->options == SequenceOptions{}) {
        out_ << kind;
      } else {
        out_ << YAML::Flow << YAML::BeginMap << YAML::Key << "kind" << YAML::Value << kind;
        sequence_options(c.identity->options);
        out_ << YAML::EndMap;
      }
    }
    optional("generated", c.generated);
    optional("collation", c.collation);
    if (c.statistics) out_ << YAML::Key << "statistics" << YAML::Value << *c.statistics;
    optional("storage", c.storage);
    optional("compression", c.compression);
    if (c.sequence_logged) out_ << YAML::Key << "sequence_logged" << YAML::Value << *c.sequence_logged;
    if (in.primary_key) out_ << YAML::Key << "primary_key" << YAML::Value << true;
    if (in.unique) out_ << YAML::Key << "unique" << YAML::Value << true;
    if (in.foreign_key) {
      const ForeignKey& f = *in.foreign_key;
      std::string ref = f.ref_table.name + "." + f.ref_columns[0];
      if (f.ref_table.schema != schema) ref = f.ref_table.schema + "." + ref;
      name_value("references", ref);
      if (f.on_delete != ReferentialAction::kNoAction) name_value("on_delete", action_name(f.on_delete));
      if (f.on_update != ReferentialAction::kNoAction) name_value("on_update", action_name(f.on_update));
    }
    optional("comment", c.comment);
    optional("renamed_from", c.renamed_from);
    optional("using", c.using_expr);
    out_ << YAML::EndMap;
  }

  void write_table(const std::string& schema, const Table& t) {
    out_ << YAML::Key << t.name << YAML::Value << YAML::BeginMap;
    optional("comment", t.comment, true);
    if (t.unlogged) out_ << YAML::Key << "unlogged" << YAML::Value << true;
    optional("renamed_from", t.renamed_from);
    write_table_properties(schema, t);

    std::map<std::string, Inline> inl;
    std::set<std::string> inline_names;
    if (inline_primary_key(t)) inl[t.primary_key->columns[0]].primary_key = true;
    for (const auto& [name, u] : t.uniques)
      if (inline_unique(t, u)) {
        inl[u.columns[0]].unique = true;
        inline_names.insert(name);
      }
    for (const auto& [name, f] : t.foreign_keys)
      if (inline_foreign_key(t, f) && !inl[f.columns[0]].foreign_key) {
        inl[f.columns[0]].foreign_key = &f;
        inline_names.insert(name);
      }

    if (!t.partition_of) {
      out_ << YAML::Key << "columns" << YAML::Value;
      if (t.columns.empty()) out_ << YAML::Flow;
      out_ << YAML::BeginMap;
      for (const auto& c : t.columns) write_column(schema, t, c, inl[c.name]);
      out_ << YAML::EndMap;
    }

    if (t.primary_key && !inline_primary_key(t)) {
      const PrimaryKey& pk = *t.primary_key;
      out_ << YAML::Key << "primary_key" << YAML::Value;
      if (pk.name == primary_key_name(t.name) && pk.deferral == Deferral{} && !pk.renamed_from) {
        list(pk.columns);
      } else {
        out_ << YAML::Flow << YAML::BeginMap;
        name_value("name", pk.name);
        out_ << YAML::Key << "columns" << YAML::Value;
        list(pk.columns);
        deferral(pk.deferral);
        optional("renamed_from", pk.renamed_from);
        out_ << YAML::EndMap;
      }
    }
    write_uniques(t, inline_names);
    write_checks(t);
    write_foreign_keys(schema, t, inline_names);
    write_exclusions(t);
    if (!t.indexes.empty()) write_indexes(t.indexes);
    if (!t.triggers.empty()) write_triggers(t.triggers);
    write_row_security(t);
    write_access(t.access);
    out_ << YAML::EndMap;
  }

  void write_row_security(const Table& t) {
    if (t.row_security.enabled) out_ << YAML::Key << "row_level_security" << YAML::Value << true;
    if (t.row_security.forced)
      out_ << YAML::Key << "force_row_level_security" << YAML::Value << true;
    if (t.policies.empty()) return;
    out_ << YAML::Key << "policies" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, p] : t.policies) {
      out_ << YAML::Key << name << YAML::Value << YAML::BeginMap;
      if (p.command != PolicyCommand::kAll)
        out_ << YAML::Key << "command" << YAML::Value << policy_command_name(p.command);
      if (!p.permissive) out_ << YAML::Key << "restrictive" << YAML::Value << true;
      if (p.roles != std::vector<std::string>{"public"}) {
        out_ << YAML::Key << "roles" << YAML::Value;
        list(p.roles);
      }
      optional("using", p.using_expr, true);
      optional("with_check", p.with_check_expr, true);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }

  // Partitioning, storage parameters and replica identity (the keys
  // model/table_properties_reader.h reads).
  void write_table_properties(const std::string& schema, const Table& t) {
    if (!t.inherits.empty()) {
      std::vector<std::string> parents;
      for (const auto& p : t.inherits) parents.push_back(p.schema == schema ? p.name : p.str());
      out_ << YAML::Key << "inherits" << YAML::Value;
      list(parents);
    }
    if (t.partition_of) {
      const QualifiedName& p = t.partition_of->parent;
      name_value("partition_of", p.schema == schema ? p.name : p.str());
      name_value("bound", t.partition_of->bound);
    }
    optional("partition_by", t.partition_by);
    if (!t.storage_parameters.empty()) {
      out_ << YAML::Key << "storage_parameters" << YAML::Value << YAML::Flow << YAML::BeginMap;
      for (const auto& [k, v] : t.storage_parameters) name_value(k.c_str(), v);
      out_ << YAML::EndMap;
    }
    switch (t.replica_identity.kind) {
      case ReplicaIdentity::Kind::kDefault: break;
      case ReplicaIdentity::Kind::kFull: name_value("replica_identity", "full"); break;
      case ReplicaIdentity::Kind::kNothing: name_value("replica_identity", "nothing"); break;
      case ReplicaIdentity::Kind::kIndex:
        out_ << YAML::Key << "replica_identity" << YAML::Value << YAML::Flow << YAML::BeginMap;
        name_value("index", t.replica_identity.index);
        out_ << YAML::EndMap;
        break;
    }
  }

  // function_writer.inc: functions, procedures, aggregates and triggers.
#include "model/function_writer.inc"

  void write_uniques(const Table& t, const std::set<std::string>& skip) {
    bool any = false;
    for (const auto& [name, u] : t.uniques) {
      if (skip.count(name)) continue;
      if (!any) out_ << YAML::Key << "unique" << YAML::Value << YAML::BeginMap;
      any = true;
      out_ << YAML::Key << name << YAML::Value;
      if (!u.nulls_not_distinct && u.deferral == Deferral{} && !u.renamed_from) {
        list(u.columns);
        continue;
      }
      out_ << YAML::Flow << YAML::BeginMap << YAML::Key << "columns" << YAML::Value;
      list(u.columns);
      if (u.nulls_not_distinct) out_ << YAML::Key << "nulls_not_distinct" << YAML::Value << true;
      deferral(u.deferral);
      optional("renamed_from", u.renamed_from);
      out_ << YAML::EndMap;
    }
    if (any) out_ << YAML::EndMap;
  }

  void write_checks(const Table& t) {
    if (t.checks.empty()) return;
    out_ << YAML::Key << "checks" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, c] : t.checks) {
      out_ << YAML::Key << name << YAML::Value;
      if (!c.no_inherit && !c.not_valid && !c.renamed_from) {
        str(c.expression, true);
        continue;
      }
      out_ << YAML::Flow << YAML::BeginMap;
      name_value("expression", c.expression);
      if (c.no_inherit) out_ << YAML::Key << "no_inherit" << YAML::Value << true;
      if (c.not_valid) out_ << YAML::Key << "not_valid" << YAML::Value << true;
      optional("renamed_from", c.renamed_from);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }

  void write_foreign_keys(const std::string& schema, const Table& t,
                          const std::set<std::string>& skip) {
    bool any = false;
    for (const auto& [name, f] : t.foreign_keys) {
      if (skip.count(name)) continue;
      if (!any) out_ << YAML::Key << "foreign_keys" << YAML::Value << YAML::BeginMap;
      any = true;
      out_ << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginMap;
      out_ << YAML::Key << "columns" << YAML::Value;
      list(f.columns);
      out_ << YAML::Key << "references" << YAML::Value << YAML::Flow << YAML::BeginMap;
      name_value("table", f.ref_table.schema == schema ? f.ref_table.name : f.ref_table.str());
      out_ << YAML::Key << "columns" << YAML::Value;
      list(f.ref_columns);
      out_ << YAML::EndMap;
      if (f.on_delete != ReferentialAction::kNoAction) name_value("on_delete", action_name(f.on_delete));
      if (f.on_update != ReferentialAction::kNoAction) name_value("on_update", action_name(f.on_update));
      if (f.match == MatchType::kFull) name_value("match", "full");
      deferral(f.deferral);
      if (f.not_valid) out_ << YAML::Key << "not_valid" << YAML::Value << true;
      optional("renamed_from", f.renamed_from);
      out_ << YAML::EndMap;
    }
    if (any) out_ << YAML::EndMap;
  }

  // "(expr)" as the loader stores an expression element -> "expr".
  static std::optional<std::string> unwrap(const std::string& e) {
    if (e.size() < 2 || e.front() != '(' || e.back() != ')') return std::nullopt;
    int depth = 0;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '(') ++depth;
      if (e[i] == ')' && --depth == 0 && i + 1 != e.size()) return std::nullopt;
    }
    return e.substr(1, e.size() - 2);
  }

  void write_exclusions(const Table& t) {
    if (t.exclusions.empty()) return;
    out_ << YAML::Key << "exclusions" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, x] : t.exclusions) {
      out_ << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginMap;
      if (x.method != "gist") name_value("using", x.method);
      out_ << YAML::Key << "elements" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& el : x.elements) {
        out_ << YAML::Flow << YAML::BeginMap;
        if (auto inner = unwrap(el.expression))
          name_value("expression", *inner);
        else
          name_value("column", el.expression);
        name_value("with", el.op);
        optional("opclass", el.opclass);
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndSeq;
      if (!x.include.empty()) {
        out_ << YAML::Key << "include" << YAML::Value;
        list(x.include);
      }
      optional("where", x.where);
      deferral(x.deferral);
      optional("renamed_from", x.renamed_from);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }

  static bool plain_key(const IndexKey& k) {
    return !k.descending && k.nulls == NullsOrder::kDefault && !k.opclass && !k.collation;
  }

  void write_indexes(const std::map<std::string, Index>& indexes) {
    out_ << YAML::Key << "indexes" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, ix] : indexes) {
      out_ << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginMap;
      bool all_columns = true, all_expressions = true;
      for (const auto& k : ix.keys) {
        if (!plain_key(k) || k.expression) all_columns = false;
        if (!plain_key(k) || !k.expression) all_expressions = false;
      }
      if (all_columns || all_expressions) {
        out_ << YAML::Key << (all_columns ? "columns" : "expressions") << YAML::Value << YAML::Flow
             << YAML::BeginSeq;
        for (const auto& k : ix.keys) str(k.expression ? *k.expression : k.column);
        out_ << YAML::EndSeq;
      } else {
        out_ << YAML::Key << "keys" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& k : ix.keys) {
          if (plain_key(k) && !k.expression) {
            str(k.column);
            continue;
          }
          out_ << YAML::Flow << YAML::BeginMap;
          if (k.expression)
            name_value("expression", *k.expression);
          else
            name_value("column", k.column);
          if (k.descending) name_value("order", "desc");
          if (k.nulls != NullsOrder::kDefault)
            name_value("nulls", k.nulls == NullsOrder::kFirst ? "first" : "last");
          optional("opclass", k.opclass);
          optional("collation", k.collation);
          out_ << YAML::EndMap;
        }
        out_ << YAML::EndSeq;
      }
      if (ix.unique) out_ << YAML::Key << "unique" << YAML::Value << true;
      if (ix.nulls_not_distinct) out_ << YAML::Key << "nulls_not_distinct" << YAML::Value << true;
      if (ix.method != "btree") name_value("using", ix.method);
      if (!ix.include.empty()) {
        out_ << YAML::Key << "include" << YAML::Value;
        list(ix.include);
      }
      optional("where", ix.where);
      optional("comment", ix.comment);
      optional("renamed_from", ix.renamed_from);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }

  YAML::Emitter out_;
  std::vector<bool> literal_strip_;  // per block literal, in emission order
};

std::string file_part(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\\') c = '_';
  if (!name.empty() && name[0] == '.') name[0] = '_';
  return name;
}

}  // namespace

std::string save_namespace(const Namespace& ns, const std::map<std::string, Extension>& extensions) {
  Writer w;
  w.namespace_file(ns, extensions, true, nullptr);
  return w.text();
}

std::string save_table(std::string_view schema, const Table& table) {
  Writer w;
  w.table_file(schema, table);
  return w.text();
}

std::map<std::filesystem::path, std::string> save_files(const Schema& schema, bool split) {
  std::map<std::filesystem::path, std::string> out;
  std::map<std::string, std::map<std::string, Extension>> ext_by_ns;
  for (const auto& [name, e] : schema.extensions) {
    std::string home = schema.namespaces.count(e.schema) || schema.namespaces.empty()
                           ? e.schema
                           : schema.namespaces.begin()->first;
    ext_by_ns[home].emplace(name, e);
  }
  for (const auto& [name, ns] : schema.namespaces) {
    const auto& exts = ext_by_ns[name];
    std::filesystem::path file = file_part(name) + ".yaml";
    Writer w;
    w.namespace_file(ns, exts, !split, &schema);
    out[file] = w.text();
    if (!split) continue;
    for (const auto& [tn, t] : ns.tables)
      out[std::filesystem::path(file_part(name)) / (file_part(tn) + ".yaml")] = save_table(name, t);
  }
  // Extensions in a schema the model does not hold, with no namespace at all.
  if (schema.namespaces.empty() && !schema.extensions.empty()) {
    Namespace ns;
    ns.name = "public";
    out["public.yaml"] = save_namespace(ns, schema.extensions);
  }
  return out;
}

}  // namespace strata::model
