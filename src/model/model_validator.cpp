#include "model/model_validator.h"

#include <algorithm>
#include <functional>
#include <set>

#include "model/default_opclass.h"
#include "model/extension_types.h"
#include "model/inheritance.h"
#include "model/sequence_defaults.h"
#include "model/suggestion.h"
#include "model/table_properties.h"
#include "model/type_name.h"
#include "sql/text.h"

namespace strata::model {
namespace {

class Validator {
 public:
  Validator(Schema& s, LoadContext& ctx) : s_(s), ctx_(ctx) {}

  void run() {
    for (auto& [ns_name, ns] : s_.namespaces) {
      for (auto& [_, d] : ns.domains) resolve_domain(ns_name, d);
      for (auto& [_, ct] : ns.composite_types) resolve_composite(ns_name, ct);
      for (auto& [_, t] : ns.tables) resolve_columns(ns_name, t);
      for (auto& [_, seq] : ns.sequences) resolve_sequence(ns_name, ns, seq);
    }
    for (auto& [ns_name, ns] : s_.namespaces)
      for (auto& [enum_name, _] : ns.enums)
        enum_types_.insert(qualify_user_type(ns_name, enum_name, false));
    for (auto& [ns_name, ns] : s_.namespaces)
      for (auto& [_, t] : ns.tables) {
        if (t.partition_of) {
          check_partition(ns_name, t);
          // Keys and indexes of a partition name the parent's columns.
          Table with_columns = t;
          with_columns.columns = column_source(t).columns;
          check_table(ns_name, with_columns);
          t.foreign_keys = with_columns.foreign_keys;
        } else if (!t.inherits.empty()) {
          // Keys and indexes of a child may name the columns it inherits.
          Table with_columns = t;
          with_columns.columns = all_columns(s_, t);
          check_table(ns_name, with_columns);
          for (auto& c : t.columns)
            if (const Column* w = with_columns.find_column(c.name)) c.nullable = w->nullable;
          t.foreign_keys = with_columns.foreign_keys;
        } else {
          check_table(ns_name, t);
        }
        drop_default_key_options(ns_name, t);
        for (auto& c : t.columns)
          if (c.storage == default_storage(c.type)) c.storage.reset();
      }
    for (auto& [ns_name, ns] : s_.namespaces) check_names(ns_name, ns);
    check_inheritance(s_, ctx_);
    check_composite_cycles();
    check_expression_columns();
  }

 private:
  // Every column an expression of a table names must be a column of it
  // (expressions of materialized view indexes are left to the server).
  void check_expression_columns() {
    // A child's columns with those it inherits, worked out once per child
    // however many expressions it has.
    std::map<const Table*, Table> with_inherited;
    for (const auto& e : ctx_.expression_columns()) {
      const Table* t = s_.find_table({e.schema, e.table});
      if (!t) continue;
      t = &column_source(*t);
      if (!t->inherits.empty()) {
        auto [it, fresh] = with_inherited.try_emplace(t);
        if (fresh) it->second.columns = all_columns(s_, *t);
        t = &it->second;
      }
      for (const auto& [col, where] : e.columns)
        if (!t->find_column(col))
          ctx_.error(where, e.what + " of table '" + q(e.schema, e.table) +
                                "' refers to unknown column '" + col + "'" +
                                did_you_mean(col, column_names(*t)));
    }
  }

  std::string q(const std::string& ns, const std::string& name) const { return ns + "." + name; }

  // The table whose columns `t` has: the root of its partition chain.
  const Table& column_source(const Table& t) const {
    const Table* at = &t;
    for (int depth = 0; at->partition_of && depth < 64; ++depth) {
      const Table* parent = s_.find_table(at->partition_of->parent);
      if (!parent) break;
      at = parent;
    }
    return *at;
  }

  void check_partition(const std::string& ns, const Table& t) {
    Location where = ctx_.at(loc_key("partition_of", ns, t.name));
    const QualifiedName& parent = t.partition_of->parent;
    const Table* p = s_.find_table(parent);
    if (!p) {
      ctx_.error(where, "partition '" + q(ns, t.name) + "' is a partition of '" + parent.str() +
                            "', which is not a table of the models; add that table (with "
                            "partition_by) or fix partition_of");
    } else if (!p->partition_by) {
      ctx_.error(where, "partition '" + q(ns, t.name) + "' is a partition of '" + parent.str() +
                            "', which is not partitioned; add partition_by to '" + parent.str() + "'");
    }
    const Table* at = &t;
    for (int depth = 0; at && at->partition_of; ++depth) {
      if ((depth > 0 && at == &t) || depth >= 64) {
        ctx_.error(where, "partition '" + q(ns, t.name) + "' is, through its parents, a partition "
                                                          "of itself");
        break;
      }
      at = s_.find_table(at->partition_of->parent);
    }
  }

  bool has_enum(const std::string& ns, const std::string& name) const {
    auto it = s_.namespaces.find(ns);
    return it != s_.namespaces.end() && it->second.enums.count(name);
  }

  // An enum, a domain or a composite type of the model: a user type columns
  // may name.
  bool has_type(const std::string& ns, const std::string& name) const {
    auto it = s_.namespaces.find(ns);
    return it != s_.namespaces.end() && (it->second.enums.count(name) || it->second.domains.count(name) ||
                                         it->second.composite_types.count(name));
  }

  // A collation written bare that names a collation of the models, in the
  // file's schema or else in public, is that one ("public.numeric", as the
  // catalog prints it); any other name is left as written (pg_catalog's).
  // (A column's collation is a CompactOptional, the others std::optional.)
  template <typename OptionalName>
  void resolve_collation(const std::string& ns, OptionalName& collation) const {
    if (!collation || collation->find('.') != std::string::npos) return;
    for (const std::string& home : {ns, std::string("public")}) {
      auto it = s_.namespaces.find(home);
      if (it != s_.namespaces.end() && it->second.collations.count(*collation)) {
        collation = home + "." + *collation;
        return;
      }
    }
  }

  // Attribute types resolved like a column's; an attribute's collation like
  // a column's. A composite type cannot hold itself.
  void resolve_composite(const std::string& ns, CompositeType& ct) {
    std::string self = qualify_user_type(ns, ct.name, false);
    for (auto& a : ct.attributes) {
      Location where = ctx_.at(loc_key("attribute_type", ns, ct.name, a.name),
                               loc_key("attribute", ns, ct.name, a.name));
      if (a.type.empty()) continue;  // reported by the reader
      std::string type = resolve_type(a.type, ns, [&] { return where; });
      if (type == self || type == self + "[]") {
        ctx_.error(where, "attribute '" + a.name + "' of composite type '" + q(ns, ct.name) +
                              "' cannot be of the type itself; use another type");
        type.clear();
      } else if (is_serial_type(type)) {
        ctx_.error(where, "attribute '" + a.name + "' of composite type '" + q(ns, ct.name) +
                              "' cannot be " + type + " (a column pseudo type); use " + serial_base(type));
        type.clear();
      }
      a.type = type;
      resolve_collation(ns, a.collation);
      if (a.collation && *a.collation == type_collation(type)) a.collation.reset();
    }
  }

  // Composite types that hold each other through their attributes cannot be
  // created in any order.
  void check_composite_cycles() {
    std::map<std::string, std::pair<std::string, const CompositeType*>> types;
    for (const auto& [ns, nsv] : s_.namespaces)
      for (const auto& [n, ct] : nsv.composite_types) types[qualify_user_type(ns, n, false)] = {ns, &ct};
    auto uses = [&](const CompositeType& ct) {
      std::vector<std::string> out;
      for (const auto& a : ct.attributes) {
        std::string base = a.type.ends_with("[]") ? a.type.substr(0, a.type.size() - 2) : a.type;
        if (types.count(base)) out.push_back(base);
      }
      return out;
    };
    std::set<std::string> done, reported;
    for (const auto& entry : types) {
      const std::string& start = entry.first;  // not a structured binding: clang 14 cannot capture one
      std::vector<std::string> path{start};
      std::set<std::string> on_path{start};
      std::function<bool(const std::string&)> visit = [&](const std::string& at) {
        for (const auto& next : uses(*types.at(at).second)) {
          if (on_path.count(next)) {
            if (next == start) return true;
            continue;
          }
          if (done.count(next)) continue;
          path.push_back(next);
          on_path.insert(next);
          if (visit(next)) return true;
          on_path.erase(next);
          path.pop_back();
        }
        return false;
      };
      if (visit(start) && !reported.count(start)) {
        std::string chain;
        for (const auto& p : path) {
          chain += p + " -> ";
          reported.insert(p);
        }
        const auto& [ns, ct] = types.at(start);
        ctx_.error(ctx_.at(loc_key("composite", ns, ct->name)),
                   "composite types hold each other (" + chain + start +
                       "); PostgreSQL cannot create them; break the cycle");
      }
      done.insert(start);
    }
  }

  // The base type resolved like a column's; the collation dropped when it is
  // the base type's own. A domain over a domain of the model must not name
  // itself.
  void resolve_domain(const std::string& ns, Domain& d) {
    Location where = ctx_.at(loc_key("domain_type", ns, d.name), loc_key("domain", ns, d.name));
    if (d.type.empty()) return;  // reported by the reader
    std::string type = resolve_type(d.type, ns, [&] { return where; });
    if (type == qualify_user_type(ns, d.name, false)) {
      ctx_.error(where, "domain '" + q(ns, d.name) + "' cannot be based on itself; name a base type");
      type.clear();
    } else if (is_serial_type(type)) {
      ctx_.error(where, "domain '" + q(ns, d.name) + "' cannot be based on " + type +
                            " (a column pseudo type); use " + serial_base(type));
      type.clear();
    }
    d.type = type;
    resolve_collation(ns, d.collation);
    if (d.collation && *d.collation == type_collation(type)) d.collation.reset();
  }

  static std::string serial_base(const std::string& serial) {
    if (serial == "smallserial") return "smallint";
    if (serial == "bigserial") return "bigint";
    return "integer";
  }

  // The extension that provides type `name`, if one declared here does;
  // else its name in `needed` when a known extension would.
  const Extension* extension_for(const std::string& name, std::string* needed) const {
    auto ext = extension_of_type(name);
    if (!ext) return nullptr;
    auto it = s_.extensions.find(*ext);
    if (it != s_.extensions.end()) return &it->second;
    if (needed) *needed = *ext;
    return nullptr;
  }

  std::vector<std::string> type_candidates(const std::string& ns) const {
    std::vector<std::string> out = builtin_type_spellings();
    for (const auto& [n, nsv] : s_.namespaces)
      for (const auto& [e, _] : nsv.enums) out.push_back(n == ns ? e : n + "." + e);
    for (const auto& [n, nsv] : s_.namespaces)
      for (const auto& [d, _] : nsv.domains) out.push_back(n == ns ? d : n + "." + d);
    for (const auto& [n, nsv] : s_.namespaces)
      for (const auto& [c, _] : nsv.composite_types) out.push_back(n == ns ? c : n + "." + c);
    return out;
  }

  // Canonicalizes a spelled type; reports problems at `where()` (looked up
  // only then: this runs for every column). Empty on error.
  std::string resolve_type(const std::string& spelled, const std::string& ns,
                           const std::function<Location()>& where) {
    TypeName tn = canonical_type(spelled, ns);
    if (!tn.ok()) {
      bool cut_by_comma = spelled.find('(') != std::string::npos &&
                          spelled.find(')') == std::string::npos;
      ctx_.error(where(), tn.error + (cut_by_comma ? " (quote the type: in a {...} mapping a comma "
                                                   "ends the value)"
                                                 : ""));
      return {};
    }
    if (!tn.user_type) return tn.canonical;
    bool qualified = spelled.find('.') != std::string::npos;
    if (has_type(tn.user_schema, tn.user_name)) return tn.canonical;
    if (ctx_.is_external_type(qualify_user_type(tn.user_schema, tn.user_name, false)))
      return tn.canonical;
    if (!qualified && has_type("public", tn.user_name))
      return qualify_user_type("public", tn.user_name, tn.array);
    std::string needed;
    if (const Extension* ext = extension_for(tn.user_name, &needed)) {
      if (!qualified || tn.user_schema == ext->schema)
        return qualify_user_type(ext->schema, tn.user_name, tn.array);
    } else if (!needed.empty()) {
      ctx_.error(where(), "type '" + spelled + "' needs extension '" + needed +
                            "' (add it to extensions)");
      return {};
    }
    std::string shown = qualified ? tn.user_schema + "." + tn.user_name : tn.user_name;
    ctx_.error(where(), "unknown type '" + shown + "'" + did_you_mean(shown, type_candidates(ns)));
    return {};
  }

  void resolve_columns(const std::string& ns, Table& t) {
    for (auto& c : t.columns) {
      auto where = [&] {
        return ctx_.at(loc_key("type", ns, t.name, c.name), loc_key("column", ns, t.name, c.name));
      };
      if (c.type.empty()) continue;  // reported by the reader
      std::string type = resolve_type(c.type, ns, where);
      if (type.empty()) {
        c.type.clear();
        continue;
      }
      c.type = type;
      resolve_collation(ns, c.collation);
      if (c.collation && *c.collation == type_collation(type)) c.collation.reset();
      if (is_serial_type(type)) {
        if (c.default_expr)
          ctx_.error(ctx_.at(loc_key("default", ns, t.name, c.name), loc_key("column", ns, t.name, c.name)),
                     "serial column '" + c.name +
                         "' cannot have a default (its sequence provides it); remove the "
                         "default, or use an integer type to keep it");
        if (c.identity)
          ctx_.error(where(), "serial column '" + c.name +
                                "' cannot be an identity column; use integer (or bigint) with "
                                "identity, or serial without it");
        not_null(ns, t, c, "serial");
      }
      if (c.identity) {
        if (type != "smallint" && type != "integer" && type != "bigint") {
          ctx_.error(where(), "identity column '" + c.name + "' must be smallint, integer or bigint, not " + type);
        } else if (auto e = sequence_options_error(type, c.identity->options)) {
          ctx_.error(ctx_.at(loc_key("identity", ns, t.name, c.name), loc_key("column", ns, t.name, c.name)),
                     "identity of column '" + c.name + "': " + *e);
        } else {
          c.identity->options = normalize_sequence_options(type, c.identity->options);
        }
        not_null(ns, t, c, "identity");
      }
    }
  }

  // The collation a column of `type` gets when none is written: "C" for
  // name, the database default for every other collatable type.
  static std::string type_collation(const std::string& type) {
    return strip_type_modifiers(type) == "name" ? "C" : "default";
  }

  // An index key's (or exclusion element's) opclass or collation equal to
  // what PostgreSQL would pick anyway is dropped: the catalog reports neither,
  // so keeping it would show a change that is not there. An opclass is known
  // to be the default only for built-in types (default_opclass.h); on an
  // expression key only the collation "default" is recognized.
  void drop_default_key_options(const std::string& ns, Table& t) {
    auto column = [&](const std::string& name) -> const Column* {
      for (const auto& c : t.columns)
        if (c.name == name) return &c;
      return nullptr;
    };
    auto is_default = [&](const std::string& opclass, const std::string& method, const Column& c) {
      if (c.type.empty()) return false;
      std::string_view written = opclass;
      if (written.substr(0, 11) == "pg_catalog.") written.remove_prefix(11);
      auto def = default_opclass(method, c.type, enum_types_.count(c.type) > 0);
      return def && written == *def;
    };
    for (auto& [_, x] : t.exclusions)
      for (auto& el : x.elements) {
        bool on_column = !el.expression.empty() && el.expression[0] != '(';
        const Column* col = on_column ? column(el.expression) : nullptr;
        if (el.opclass && col && is_default(*el.opclass, x.method, *col)) el.opclass.reset();
      }
    for (auto& [_, ix] : t.indexes)
      for (auto& k : ix.keys) {
        const Column* col = k.expression ? nullptr : column(k.column);
        resolve_collation(ns, k.collation);
        if (k.collation) {
          std::string column_collation =
              !col ? "default" : col->collation.value_or(type_collation(col->type));
          if (*k.collation == column_collation) k.collation.reset();
        }
        if (k.opclass && col && is_default(*k.opclass, ix.method, *col)) k.opclass.reset();
      }
  }

  void not_null(const std::string& ns, Table& t, Column& c, const std::string& why) {
    Location explicit_null = ctx_.at(loc_key("nullable", ns, t.name, c.name));
    if (c.nullable && !explicit_null.file.empty())
      ctx_.error(explicit_null,
                 why + " column '" + c.name + "' cannot be nullable; remove nullable: true");
    c.nullable = false;
  }

  void resolve_sequence(const std::string& ns, const Namespace& nsv, Sequence& seq) {
    Location where = ctx_.at(loc_key("seq_type", ns, seq.name), loc_key("seq", ns, seq.name));
    std::string type = resolve_type(seq.type, ns, [&] { return where; });
    if (!type.empty() && type != "smallint" && type != "integer" && type != "bigint") {
      ctx_.error(where, "sequence type must be smallint, integer or bigint, not " + type);
    } else if (!type.empty()) {
      seq.type = type;
      if (auto e = sequence_options_error(type, seq.options))
        ctx_.error(ctx_.at(loc_key("seq", ns, seq.name)), "sequence '" + q(ns, seq.name) + "': " + *e);
      else
        seq.options = normalize_sequence_options(type, seq.options);
    }
    if (seq.owned_by) {
      Location at = ctx_.at(loc_key("seq_owned", ns, seq.name));
      size_t dot = seq.owned_by->find('.');
      if (dot == std::string::npos) {
        ctx_.error(at, "owned_by must be 'table.column'");
        return;
      }
      std::string tn = seq.owned_by->substr(0, dot), cn = seq.owned_by->substr(dot + 1);
      auto t = nsv.tables.find(tn);
      if (t == nsv.tables.end()) {
        ctx_.error(at, "sequence '" + q(ns, seq.name) + "' is owned by unknown table '" + q(ns, tn) + "'");
      } else if (!t->second.find_column(cn)) {
        ctx_.error(at, "sequence '" + q(ns, seq.name) + "' is owned by unknown column '" + cn +
                           "' of table '" + q(ns, tn) + "'");
      }
    }
  }

  std::vector<std::string> column_names(const Table& t) const {
    std::vector<std::string> out;
    for (const auto& c : t.columns) out.push_back(c.name);
    return out;
  }

  // Reports each column of `cols` that `t` lacks, and repeats. True when all exist.
  bool check_columns(const std::string& ns, const Table& t, const std::vector<std::string>& cols,
                     const std::string& what, const std::string& col_kind,
                     const std::string& name, const std::string& object_key) {
    bool ok = true;
    std::set<std::string> seen;
    for (const auto& c : cols) {
      Location at = ctx_.at(loc_key(col_kind, ns, t.name, name.empty() ? c : name + '\x1f' + c),
                            object_key);
      if (!t.find_column(c)) {
        ctx_.error(at, what + " of table '" + q(ns, t.name) + "' names unknown column '" + c + "'" +
                           did_you_mean(c, column_names(t)));
        ok = false;
      } else if (!seen.insert(c).second) {
        ctx_.error(at, what + " of table '" + q(ns, t.name) + "' names column '" + c + "' twice");
        ok = false;
      }
    }
    return ok;
  }

  void check_table(const std::string& ns, Table& t) {
    if (t.primary_key) {
      std::string key = loc_key("pk", ns, t.name);
      if (check_columns(ns, t, t.primary_key->columns, "primary key", "pk_col", "", key))
        for (const auto& name : t.primary_key->columns)
          for (auto& c : t.columns)
            if (c.name == name) not_null(ns, t, c, "primary key");
    }
    for (const auto& [name, u] : t.uniques)
      check_columns(ns, t, u.columns, "unique constraint '" + name + "'", "uq_col", name,
                    loc_key("uq", ns, t.name, name));
    for (const auto& [name, x] : t.exclusions) {
      std::vector<std::string> cols;
      for (const auto& el : x.elements)
        if (!el.expression.empty() && el.expression[0] != '(') cols.push_back(el.expression);
      for (const auto& c : x.include) cols.push_back(c);
      check_columns(ns, t, cols, "exclusion '" + name + "'", "excl_col", name,
                    loc_key("excl", ns, t.name, name));
    }
    for (const auto& [name, ix] : t.indexes) {
      std::vector<std::string> cols;
      for (const auto& k : ix.keys)
        if (!k.expression) cols.push_back(k.column);
      std::vector<std::string> inc = ix.include;
      check_index_columns(ns, t, ix, cols);
      check_index_columns(ns, t, ix, inc);
    }
    for (auto& [name, fk] : t.foreign_keys) check_foreign_key(ns, t, fk);
  }

  void check_index_columns(const std::string& ns, const Table& t, const Index& ix,
                           const std::vector<std::string>& cols) {
    for (const auto& c : cols) {
      if (t.find_column(c)) continue;
      Location at = ctx_.at(loc_key("idx_col", ns, ix.name, c), loc_key("idx", ns, ix.name));
      ctx_.error(at, "index '" + ix.name + "' of table '" + q(ns, t.name) + "' names unknown column '" +
                         c + "'" + did_you_mean(c, column_names(t)));
    }
  }

  // Whether a foreign key column of type `a` may reference one of type `b`:
  // the same type whatever the modifiers, or two types of one family that
  // PostgreSQL compares with its own operators (integers, strings, floats,
  // dates and timestamps).
  static bool comparable_types(const std::string& a, const std::string& b) {
    auto family = [](const std::string& type) {
      std::string t = strip_type_modifiers(serial_base_type(type));
      if (t == "smallint" || t == "integer" || t == "bigint") return std::string("integer types");
      if (t == "text" || t == "character varying" || t == "character") return std::string("strings");
      if (t == "real" || t == "double precision") return std::string("floats");
      if (t == "date" || t == "timestamp without time zone" || t == "timestamp with time zone")
        return std::string("dates");
      return t;
    };
    return family(a) == family(b);
  }

  // True when `cols` (as a set) is the primary key or a unique constraint or a
  // plain unique index of `t`: what a foreign key may reference.
  static bool is_unique_key(const Table& t, const std::vector<std::string>& cols) {
    std::set<std::string> want(cols.begin(), cols.end());
    auto same = [&](const std::vector<std::string>& v) {
      return want.size() == cols.size() && std::set<std::string>(v.begin(), v.end()) == want &&
             v.size() == cols.size();
    };
    if (t.primary_key && same(t.primary_key->columns)) return true;
    for (const auto& [_, u] : t.uniques)
      if (same(u.columns)) return true;
    for (const auto& [_, ix] : t.indexes) {
      if (!ix.unique || ix.where) continue;
      std::vector<std::string> keys;
      bool plain = true;
      for (const auto& k : ix.keys) {
        if (k.expression) plain = false;
        keys.push_back(k.column);
      }
      if (plain && same(keys)) return true;
    }
    return false;
  }

  void check_foreign_key(const std::string& ns, const Table& t, ForeignKey& fk) {
    std::string key = loc_key("fk", ns, t.name, fk.name);
    Location ref_at = ctx_.at(loc_key("fk_ref", ns, t.name, fk.name), key);
    std::string what = "foreign key '" + fk.name + "'";
    bool cols_ok = check_columns(ns, t, fk.columns, what, "fk_col", fk.name, key);
    const Table* target = s_.find_table(fk.ref_table);
    if (!target) {
      // Suggest a table of that name in another schema first, else a near name.
      std::vector<std::string> tables;
      std::string suggestion;
      for (const auto& [n, nsv] : s_.namespaces)
        for (const auto& [tn, _] : nsv.tables) {
          tables.push_back(n == fk.ref_table.schema ? tn : n + "." + tn);
          if (tn == fk.ref_table.name && suggestion.empty())
            suggestion = " (did you mean '" + n + "." + tn + "'?)";
        }
      std::string shown = fk.ref_table.schema == ns ? fk.ref_table.name : fk.ref_table.str();
      if (suggestion.empty()) suggestion = did_you_mean(shown, tables);
      ctx_.error(ref_at, what + " of table '" + q(ns, t.name) + "' references unknown table '" +
                             fk.ref_table.str() + "'" + suggestion);
      return;
    }
    if (fk.ref_columns.empty()) {
      if (!target->primary_key) {
        ctx_.error(ref_at, what + " references table '" + fk.ref_table.str() +
                               "', which has no primary key; name the referenced columns");
        return;
      }
      fk.ref_columns = target->primary_key->columns;
    }
    bool ref_ok = true;
    for (const auto& c : fk.ref_columns) {
      if (!target->find_column(c)) {
        ctx_.error(ref_at, what + " references unknown column '" + c + "' of table '" +
                               fk.ref_table.str() + "'" + did_you_mean(c, column_names(*target)));
        ref_ok = false;
      }
    }
    if (fk.ref_columns.size() != fk.columns.size()) {
      ctx_.error(ref_at, what + " has " + std::to_string(fk.columns.size()) + " column(s) but references " +
                             std::to_string(fk.ref_columns.size()) +
                             "; name one referenced column for each column");
      return;
    }
    if (!cols_ok || !ref_ok) return;
    for (size_t i = 0; i < fk.columns.size(); ++i) {
      const Column* a = t.find_column(fk.columns[i]);
      const Column* b = target->find_column(fk.ref_columns[i]);
      if (a->type.empty() || b->type.empty()) continue;
      if (!comparable_types(a->type, b->type)) {
        Location at = ctx_.at(loc_key("fk_col", ns, t.name, fk.name + '\x1f' + fk.columns[i]), key);
        ctx_.error(at, what + ": column '" + fk.columns[i] + "' is " + serial_base_type(a->type) +
                           " but references " + fk.ref_table.str() + "." + fk.ref_columns[i] +
                           " of type " + serial_base_type(b->type) +
                           "; give both columns the same type");
      }
    }
    if (!is_unique_key(*target, fk.ref_columns))
      ctx_.error(ref_at, what + " references (" + sql::join(fk.ref_columns) + ") of table '" +
                             fk.ref_table.str() +
                             "', which is neither its primary key nor unique; reference its "
                             "primary key, or add a unique constraint on (" +
                             sql::join(fk.ref_columns) + ") there");
  }

  // Tables, views, sequences, indexes and the indexes behind primary key,
  // unique and exclusion constraints share one name space per schema; enums
  // share the type name space with tables and views (their row types).
  void check_names(const std::string& ns, const Namespace& nsv) {
    struct Named {
      std::string kind;
      Location where;
    };
    std::map<std::string, Named> relations;
    std::vector<std::pair<std::string, Named>> all;
    for (const auto& [n, _] : nsv.tables) all.push_back({n, {"table", ctx_.at(loc_key("table", ns, n))}});
    for (const auto& [n, _] : nsv.views) all.push_back({n, {"view", ctx_.at(loc_key("view", ns, n))}});
    for (const auto& [n, _] : nsv.sequences)
      all.push_back({n, {"sequence", ctx_.at(loc_key("seq", ns, n))}});
    for (const auto& [tn, t] : nsv.tables) {
      for (const auto& [n, _] : t.indexes) all.push_back({n, {"index", ctx_.at(loc_key("idx", ns, n))}});
      if (t.primary_key)
        all.push_back({t.primary_key->name, {"primary key", ctx_.at(loc_key("pk", ns, tn))}});
      for (const auto& [n, _] : t.uniques)
        all.push_back({n, {"unique constraint", ctx_.at(loc_key("uq", ns, tn, n))}});
      for (const auto& [n, _] : t.exclusions)
        all.push_back({n, {"exclusion constraint", ctx_.at(loc_key("excl", ns, tn, n))}});
    }
    for (const auto& [vn, v] : nsv.views)
      for (const auto& [n, _] : v.indexes) all.push_back({n, {"index", ctx_.at(loc_key("idx", ns, n))}});
    auto later = [](const Location& a, const Location& b) {
      return std::tie(a.file, a.line, a.column) > std::tie(b.file, b.line, b.column);
    };
    for (const auto& [name, named] : all) {
      auto [it, fresh] = relations.emplace(name, named);
      if (fresh) continue;
      if (it->second.kind == "index" && named.kind == "index") continue;  // reported by the reader
      const Named& second = later(named.where, it->second.where) ? named : it->second;
      const Named& first = &second == &named ? it->second : named;
      ctx_.error(second.where, second.kind + " name '" + q(ns, name) + "' is already used by " +
                                   first.kind + " at " + refer_to(first.where, second.where.file) +
                                   " (one name space per schema); rename one of them");
    }
    for (const auto& [n, _] : nsv.enums) {
      std::string kind = nsv.tables.count(n) ? "table" : nsv.views.count(n) ? "view" : "";
      if (kind.empty()) continue;
      ctx_.error(ctx_.at(loc_key("enum", ns, n)),
                 "enum '" + q(ns, n) + "' has the name of a " + kind +
                     " (whose row type takes the name); rename one of them");
    }
    for (const auto& [n, _] : nsv.composite_types) {
      std::string kind = nsv.enums.count(n)     ? "an enum"
                         : nsv.domains.count(n) ? "a domain"
                         : nsv.tables.count(n)  ? "a table"
                         : nsv.views.count(n)   ? "a view"
                                                : "";
      if (kind.empty()) continue;
      ctx_.error(ctx_.at(loc_key("composite", ns, n)),
                 "composite type '" + q(ns, n) + "' has the name of " + kind +
                     " (one type name space per schema); rename one of them");
    }
    for (const auto& [n, _] : nsv.domains) {
      std::string kind = nsv.enums.count(n)    ? "an enum"
                         : nsv.tables.count(n) ? "a table"
                         : nsv.views.count(n)  ? "a view"
                                               : "";
      if (kind.empty()) continue;
      ctx_.error(ctx_.at(loc_key("domain", ns, n)),
                 "domain '" + q(ns, n) + "' has the name of " + kind +
                     " (one type name space per schema); rename one of them");
    }
  }

  Schema& s_;
  LoadContext& ctx_;
  std::set<std::string> enum_types_;  // canonical names of the model's enums
};

}  // namespace

void validate_and_normalize(Schema& schema, LoadContext& ctx) { Validator(schema, ctx).run(); }

}  // namespace strata::model
