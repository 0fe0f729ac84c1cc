#include "model/table_reader.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "model/default_names.h"
#include "model/function_reader.h"
#include "model/index_reader.h"
#include "model/table_properties_reader.h"
#include "model/access_reader.h"
#include "model/policy_reader.h"
#include "model/type_name.h"
#include "sql/operator_name.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::model {
namespace {

using Node = YamlNode;

const std::vector<std::string> kTableKeys = {"columns", "primary_key", "unique", "indexes",
                                             "checks", "foreign_keys", "exclusions", "comment",
                                             "unlogged", "renamed_from", "partition_by",
                                             "partition_of", "bound", "storage_parameters",
                                             "replica_identity", "triggers", "inherits"};
const std::vector<std::string>& table_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = kTableKeys;
    k.insert(k.end(), std::begin(kRowSecurityKeys), std::end(kRowSecurityKeys));
    return with_access_keys(k);
  }();
  return keys;
}
const std::vector<std::string> kColumnKeys = {
    "type",       "nullable", "default",   "identity",   "generated", "collation",
    "comment",    "primary_key", "unique", "references", "on_delete", "on_update",
    "check",      "renamed_from", "using", "statistics", "storage", "compression",
    "sequence_logged"};
const std::vector<std::string> kSequenceOptionKeys = {"start", "increment", "min",
                                                      "max",   "cache",     "cycle"};

// "set_null" / "SET NULL" -> "set null".
std::string keyword(std::string s) {
  s = lower(std::move(s));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// The whole expression is the one column name `col`, written bare: when the
// table has no such column, a word that was meant as a string.
bool is_bare_word(std::string_view expr, const std::string& col) {
  std::string_view e = sql::trim(expr);
  return !e.empty() && e.front() != '"' && lower(std::string(e)) == lower(col);
}

}  // namespace

class TableReader::Impl {
 public:
  Impl(YamlFields& y, LoadContext& ctx) : y_(y), ctx_(ctx), indexes_(y, ctx) {}
  void set_namespace(std::string ns) {
    ns_name_ = ns;
    indexes_.set_namespace(std::move(ns));
  }

  void read_sequence_options(const std::map<std::string, YamlFields::Entry>& f,
                             SequenceOptions& o) {
    auto num = [&](const char* key, std::optional<std::int64_t>& out) {
      auto it = f.find(key);
      if (it != f.end())
        if (auto v = y_.integer(it->second.value, key)) out = *v;
    };
    num("start", o.start);
    num("increment", o.increment);
    num("min", o.min_value);
    num("max", o.max_value);
    num("cache", o.cache);
    if (auto it = f.find("cycle"); it != f.end())
      if (auto v = y_.boolean(it->second.value, "cycle")) o.cycle = *v;
  }

  std::string qualified(const std::string& name) const { return ns_name_ + "." + name; }

  void read_table(Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
    if (!y_.identifier(e.key, name, "table")) return;
    if (!y_.first_definition(loc_key("table", ns_name_, name), e.key,
                          "table '" + qualified(name) + "'"))
      return;
    Table t;
    t.name = name;
    auto f = y_.fields(e.value, "table '" + name + "'", table_keys());
    if (e.value.is_map() || e.value.is_null()) {
      if (f.count("columns")) {
        auto entries = y_.entries(f["columns"].value, "columns", "column");
        column_names_.clear();
        for (const auto& entry : entries) column_names_.insert(lower(entry.first));
        // A column is large (its optional texts): no room to spare.
        t.columns.reserve(entries.size());
        for (auto& [col, ce] : entries) read_column(t, col, ce);
      }
      // PostgreSQL allows a table without columns; the model wants that said
      // explicitly (`columns: {}`), so a forgotten list is caught. A
      // partition has its parent's columns and lists none.
      if (f.count("partition_of")) {
        if (f.count("columns"))
          y_.error(f["columns"].key, "partition '" + qualified(name) + "' has the columns of its "
                                     "parent; remove columns (partitions list none)");
      } else if (!f.count("columns") || f["columns"].value.is_null())
        y_.error(e.key, "table '" + qualified(name) + "' has no columns (write `columns: {}` "
                                                       "for a table without columns)");
    }
    if (f.count("primary_key")) read_table_primary_key(t, f["primary_key"]);
    if (f.count("unique")) read_uniques(t, f["unique"].value);
    if (f.count("checks")) read_checks(t, f["checks"].value);
    if (f.count("foreign_keys")) read_foreign_keys(t, f["foreign_keys"].value);
    if (f.count("exclusions")) read_exclusions(t, f["exclusions"].value);
    if (f.count("indexes")) indexes_.read_indexes(name, f["indexes"].value, t.indexes);
    if (f.count("unlogged"))
      if (auto b = y_.boolean(f["unlogged"].value, "unlogged")) t.unlogged = *b;
    if (f.count("comment"))
      if (auto c = y_.string(f["comment"].value, "comment")) t.comment = *c;
    if (f.count("renamed_from"))
      if (auto r = y_.name(f["renamed_from"].value, "renamed_from")) t.renamed_from = *r;
    read_table_properties(y_, ctx_, ns_name_, f, t);
    if (f.count("triggers")) FunctionReader(y_, ns_name_).read_triggers(t, f["triggers"].value);
    read_row_security(y_, ns_name_, f, t);
    read_access(y_, f, PrivilegeObject::kTable, t.access);
    ns.tables[name] = std::move(t);
  }

  std::optional<ReferentialAction> action(const Node& n, const char* what) {
    auto s = y_.string(n, what);
    if (!s) return std::nullopt;
    std::string k = keyword(*s);
    if (k == "no action") return ReferentialAction::kNoAction;
    if (k == "restrict") return ReferentialAction::kRestrict;
    if (k == "cascade") return ReferentialAction::kCascade;
    if (k == "set null") return ReferentialAction::kSetNull;
    if (k == "set default") return ReferentialAction::kSetDefault;
    y_.error(n, std::string(what) + " must be one of: no action, restrict, cascade, set null, "
                                    "set default");
    return std::nullopt;
  }

  // "table", "table.column", "schema.table.column" -> (table, columns).
  bool parse_reference(const Node& n, const std::string& text, QualifiedName& table,
                       std::vector<std::string>& columns) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t dot = text.find('.', start);
      parts.push_back(text.substr(start, dot == std::string::npos ? dot : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (parts.size() > 3 || std::any_of(parts.begin(), parts.end(),
                                        [](const std::string& p) { return p.empty(); })) {
      y_.error(n, "references must be 'table', 'table.column' or 'schema.table.column'");
      return false;
    }
    table.schema = parts.size() == 3 ? parts[0] : ns_name_;
    table.name = parts.size() == 3 ? parts[1] : parts[0];
    if (parts.size() >= 2) columns = {parts.back()};
    return true;
  }

  void read_column(Table& t, const std::string& name, const YamlFields::Entry& e) {
    if (!y_.identifier(e.key, name, "column")) return;
    Column c;
    c.name = name;
    ctx_.mark(loc_key("column", ns_name_, t.name, name), y_.place(e.key));
    std::string type_key = loc_key("type", ns_name_, t.name, name);
    if (e.value.is_scalar()) {
      c.type = e.value.scalar();
      ctx_.mark(type_key, y_.place(e.value));
      t.columns.push_back(std::move(c));
      return;
    }
    if (!e.value.is_map()) {
      y_.error(e.value, "column '" + name + "' must be a type or a mapping");
      return;
    }
    auto f = y_.fields(e.value, "column '" + name + "'", kColumnKeys);
    if (!f.count("type")) {
      y_.error(e.key, "column '" + name + "' has no type");
    } else if (auto v = y_.name(f["type"].value, "type")) {
      c.type = *v;
      ctx_.mark(type_key, y_.place(f["type"].value));
    }
    if (f.count("nullable"))
      if (auto b = y_.boolean(f["nullable"].value, "nullable")) {
        c.nullable = *b;
        if (*b) ctx_.mark(loc_key("nullable", ns_name_, t.name, name), y_.place(f["nullable"].value));
      }
    if (f.count("default"))
      if (auto v = y_.string(f["default"].value, "default")) {
        if (y_.expression(f["default"].value, *v, "default", sql::ExpressionUse::kColumnDefault)) {
          c.default_expr = *v;
          for (const auto& [col, at] : y_.columns_in(f["default"].value, *v)) {
            if (is_bare_word(*v, col) && !column_names_.count(lower(col))) {
              // `default: 'new'` in YAML is the SQL `new`: the quotes were YAML's.
              std::string literal = sql::quote_literal(sql::trim(*v));
              ctx_.error(at, "default of column '" + name + "': a string literal needs its SQL quotes: \"" +
                                 literal + "\" (the YAML quotes are not part of the value; write default: \"" +
                                 literal + "\")");
              continue;
            }
            ctx_.error(at, "default of column '" + name + "' cannot refer to column '" + col +
                                 "'; use a generated column (generated: \"...\") or a constant");
          }
        }
        ctx_.mark(loc_key("default", ns_name_, t.name, name), y_.place(f["default"].value));
      }
    if (f.count("generated"))
      if (auto v = y_.string(f["generated"].value, "generated")) {
        if (y_.expression(f["generated"].value, *v, "generated expression")) {
          c.generated = *v;
          y_.expect_columns(ns_name_, t.name, f["generated"].value, *v, "generated column '" + name + "'");
        }
        if (f.count("default"))
          y_.error(f["generated"].key, "column '" + name + "' cannot have both a default and "
                                       "a generation expression");
      }
    if (f.count("identity")) {
      read_identity(f["identity"].value, c);
      ctx_.mark(loc_key("identity", ns_name_, t.name, name), y_.place(f["identity"].value));
      if (c.identity && f.count("default"))
        y_.error(f["identity"].key,
                 "column '" + name + "' cannot have both a default and an identity");
      if (c.identity && f.count("generated"))
        y_.error(f["identity"].key,
                 "column '" + name + "' cannot be both an identity and a generated column");
    }
    if (f.count("collation"))
      if (auto v = y_.name(f["collation"].value, "collation")) c.collation = *v;
    if (f.count("comment"))
      if (auto v = y_.string(f["comment"].value, "comment")) c.comment = *v;
    if (f.count("renamed_from"))
      if (auto v = y_.name(f["renamed_from"].value, "renamed_from")) c.renamed_from = *v;
    read_column_properties(y_, f, c);
    if (f.count("sequence_logged"))
      if (auto b = y_.boolean(f["sequence_logged"].value, "sequence_logged")) {
        if (c.identity || is_serial_type(canonical_type(c.type, ns_name_).canonical))
          c.sequence_logged = *b;
        else
          y_.error(f["sequence_logged"].key,
                   "column '" + name + "' has no sequence: sequence_logged applies to serial and "
                   "identity columns only");
      }
    if (f.count("using"))
      if (auto v = y_.string(f["using"].value, "using")) {
        if (y_.expression(f["using"].value, *v, "using expression")) {
          c.using_expr = *v;
          y_.expect_columns(ns_name_, t.name, f["using"].value, *v, "using of column '" + name + "'");
        }
        if (f.count("generated"))
          y_.error(f["using"].key, "column '" + name + "' is generated: its values are computed, "
                                   "there is nothing to convert with using");
      }

    if (f.count("primary_key"))
      if (auto b = y_.boolean(f["primary_key"].value, "primary_key"); b && *b) {
        if (t.primary_key) {
          y_.error(f["primary_key"].key,
                   "table '" + qualified(t.name) + "' has more than one primary key column "
                   "marked inline; use the table-level primary_key for a composite key");
        } else {
          PrimaryKey pk;
          pk.name = choose_name(t.name, "", "pkey", [&](const std::string& n) {
            return relation_taken(t, n);
          });
          pk.columns = {name};
          t.primary_key = pk;
          ctx_.mark(loc_key("pk", ns_name_, t.name), y_.place(f["primary_key"].key));
          ctx_.mark(loc_key("pk_col", ns_name_, t.name, name), y_.place(e.key));
        }
      }
    if (f.count("unique"))
      if (auto b = y_.boolean(f["unique"].value, "unique"); b && *b) {
        UniqueConstraint u;
        u.name = default_name(t, column_name_addition({name}), "key", true);
        u.columns = {name};
        add_unique(t, std::move(u), f["unique"].key, {e.key});
      }
    if (f.count("check"))
      if (auto v = y_.string(f["check"].value, "check")) {
        if (y_.expression(f["check"].value, *v, "check")) {
          y_.expect_columns(ns_name_, t.name, f["check"].value, *v, "check of column '" + name + "'");
          CheckConstraint ch;
          ch.name = default_name(t, single_referenced_column(*v), "check", false);
          ch.expression = *v;
          add_check(t, std::move(ch), f["check"].key);
        }
      }
    if (f.count("references")) {
      ForeignKey fk;
      fk.columns = {name};
      fk.name = default_name(t, column_name_addition(fk.columns), "fkey", false);
      const Node& r = f["references"].value;
      if (auto v = y_.name(r, "references"); v && parse_reference(r, *v, fk.ref_table, fk.ref_columns)) {
        if (f.count("on_delete"))
          if (auto a = action(f["on_delete"].value, "on_delete")) fk.on_delete = *a;
        if (f.count("on_update"))
          if (auto a = action(f["on_update"].value, "on_update")) fk.on_update = *a;
        add_foreign_key(t, std::move(fk), f["references"].key, {e.key}, r);
      }
    } else {
      for (const char* k : {"on_delete", "on_update"})
        if (f.count(k))
          y_.error(f[k].key,
                   std::string(k) + " needs references; add references: or remove " + k);
    }
    t.columns.push_back(std::move(c));
  }

  void read_identity(const Node& n, Column& c) {
    Identity id;
    auto kind = [&](const Node& v) -> bool {
      auto s = y_.string(v, "identity");
      if (!s) return false;
      std::string k = keyword(*s);
      if (k == "always") {
        id.kind = IdentityKind::kAlways;
      } else if (k == "by default") {
        id.kind = IdentityKind::kByDefault;
      } else {
        y_.error(v, "identity must be 'always' or 'by default'");
        return false;
      }
      return true;
    };
    if (n.is_scalar()) {
      if (!kind(n)) return;
    } else {
      std::vector<std::string> allowed = kSequenceOptionKeys;
      allowed.push_back("kind");
      auto f = y_.fields(n, "identity", allowed);
      if (!f.count("kind")) {
        y_.error(n, "identity needs a kind (always or by default)");
        return;
      }
      if (!kind(f["kind"].value)) return;
      read_sequence_options(f, id.options);
    }
    c.identity = id;
  }

  void mark_columns(const std::string& kind, const std::string& name,
                    const std::vector<std::string>& cols, const std::vector<Node>& at) {
    for (size_t i = 0; i < cols.size(); ++i)
      ctx_.mark(loc_key(kind, ns_name_, current_table_, name + '\x1f' + cols[i]),
                y_.place(at.size() > i ? at[i] : at.back()));
  }

  // Nodes of a list of names (or of the scalar itself).

  void add_unique(Table& t, UniqueConstraint u, const Node& at, const std::vector<Node>& cols) {
    current_table_ = t.name;
    if (!constraint_name_free(t, u.name, at)) return;
    ctx_.mark(loc_key("uq", ns_name_, t.name, u.name), y_.place(at));
    mark_columns("uq_col", u.name, u.columns, cols);
    t.uniques.emplace(u.name, std::move(u));
  }

  void add_check(Table& t, CheckConstraint c, const Node& at) {
    if (!constraint_name_free(t, c.name, at)) return;
    ctx_.mark(loc_key("check", ns_name_, t.name, c.name), y_.place(at));
    t.checks.emplace(c.name, std::move(c));
  }

  void add_foreign_key(Table& t, ForeignKey fk, const Node& at, const std::vector<Node>& cols,
                       const Node& ref) {
    current_table_ = t.name;
    if (!constraint_name_free(t, fk.name, at)) return;
    ctx_.mark(loc_key("fk", ns_name_, t.name, fk.name), y_.place(at));
    ctx_.mark(loc_key("fk_ref", ns_name_, t.name, fk.name), y_.place(ref));
    mark_columns("fk_col", fk.name, fk.columns, cols);
    t.foreign_keys.emplace(fk.name, std::move(fk));
  }

  bool constraint_taken(const Table& t, const std::string& name) const {
    return t.uniques.count(name) || t.checks.count(name) || t.foreign_keys.count(name) ||
           t.exclusions.count(name) || (t.primary_key && t.primary_key->name == name);
  }
  // A relation (index) name already used in this schema, as far as read so far.
  bool relation_taken(const Table& t, const std::string& name) const {
    return indexes_.name_taken(name) || name == t.name || constraint_taken(t, name);
  }
  // PostgreSQL's name for an unnamed constraint, numbered when taken.
  // Index-backed constraints (unique, exclusion) live among the relations.
  std::string default_name(const Table& t, const std::string& name2, const char* label,
                           bool index_backed) {
    return choose_name(t.name, name2, label, [&](const std::string& n) {
      return constraint_taken(t, n) || (index_backed && relation_taken(t, n));
    });
  }

  // Constraint names are unique per table (pg_constraint).
  bool constraint_name_free(const Table& t, const std::string& name, const Node& at) {
    if (!y_.identifier(at, name, "constraint")) return false;
    if (constraint_taken(t, name)) {
      y_.error(at, "duplicate constraint '" + name + "' on table '" + qualified(t.name) +
                       "'; constraint names are unique per table: rename one");
      return false;
    }
    return true;
  }

  void read_deferral(std::map<std::string, YamlFields::Entry>& f, Deferral& d) {
    if (f.count("deferrable"))
      if (auto b = y_.boolean(f["deferrable"].value, "deferrable")) d.deferrable = *b;
    if (f.count("initially_deferred"))
      if (auto b = y_.boolean(f["initially_deferred"].value, "initially_deferred")) {
        d.initially_deferred = *b;
        if (*b && !d.deferrable)
          y_.error(f["initially_deferred"].key,
                   "initially_deferred needs deferrable: true; add it or remove "
                   "initially_deferred");
      }
  }

  void read_table_primary_key(Table& t, const YamlFields::Entry& e) {
    current_table_ = t.name;
    if (t.primary_key) {
      y_.error(e.key, "table '" + qualified(t.name) +
                          "' declares its primary key both on a column and at table level");
      return;
    }
    PrimaryKey pk;
    pk.name = primary_key_name(t.name);
    Node cols = e.value;
    if (e.value.is_map()) {
      auto f = y_.fields(e.value, "primary_key",
                         {"name", "columns", "deferrable", "initially_deferred", "renamed_from"});
      if (f.count("name"))
        if (auto v = y_.name(f["name"].value, "name")) pk.name = *v;
      cols = f.count("columns") ? f["columns"].value : Node();
      if (!cols) {
        y_.error(e.key, "primary_key needs columns");
        return;
      }
      read_deferral(f, pk.deferral);
      pk.renamed_from = y_.renamed_from(f);
    }
    auto list = y_.string_list(cols, "primary_key columns");
    if (!list) return;
    if (list->empty()) {
      y_.error(e.key, "primary_key needs columns");
      return;
    }
    if (!y_.identifier(e.key, pk.name, "constraint")) return;
    pk.columns = *list;
    ctx_.mark(loc_key("pk", ns_name_, t.name), y_.place(e.key));
    mark_columns("pk_col", "", pk.columns, items(cols));
    t.primary_key = std::move(pk);
  }

  void read_unique(Table& t, std::optional<std::string> name, const Node& key, const Node& v) {
    UniqueConstraint u;
    Node cols = v;
    if (v.is_map()) {
      auto f = y_.fields(v, "unique constraint",
                         {"columns", "nulls_not_distinct", "deferrable", "initially_deferred",
                          "renamed_from"});
      cols = f.count("columns") ? f["columns"].value : Node();
      if (f.count("nulls_not_distinct"))
        if (auto b = y_.boolean(f["nulls_not_distinct"].value, "nulls_not_distinct"))
          u.nulls_not_distinct = *b;
      read_deferral(f, u.deferral);
      u.renamed_from = y_.renamed_from(f);
    }
    if (!cols) {
      y_.error(key, "unique constraint needs columns");
      return;
    }
    auto list = y_.string_list(cols, "unique columns");
    if (!list) return;
    if (list->empty()) {
      y_.error(key, "unique constraint needs columns");
      return;
    }
    u.columns = *list;
    u.name = name ? *name : default_name(t, column_name_addition(u.columns), "key", true);
    add_unique(t, std::move(u), key, items(cols));
  }

  void read_uniques(Table& t, const Node& n) {
    if (n.is_sequence()) {
      for (const auto& item : n) read_unique(t, std::nullopt, item, item);
      return;
    }
    for (auto& [name, e] : y_.entries(n, "unique", "unique constraint"))
      read_unique(t, name, e.key, e.value);
  }

  void read_checks(Table& t, const Node& n) {
    for (auto& [name, e] : y_.entries(n, "checks", "check")) {
      CheckConstraint c;
      c.name = name;
      Node expr = e.value;
      if (e.value.is_map()) {
        auto f = y_.fields(e.value, "check '" + name + "'",
                           {"expression", "no_inherit", "not_valid", "renamed_from"});
        expr = f.count("expression") ? f["expression"].value : Node();
        if (f.count("no_inherit"))
          if (auto b = y_.boolean(f["no_inherit"].value, "no_inherit")) c.no_inherit = *b;
        if (f.count("not_valid"))
          if (auto b = y_.boolean(f["not_valid"].value, "not_valid")) c.not_valid = *b;
        c.renamed_from = y_.renamed_from(f);
      }
      if (!expr) {
        y_.error(e.key, "check '" + name + "' needs an expression");
        continue;
      }
      auto v = y_.string(expr, "check");
      if (!v || !y_.expression(expr, *v, "check")) continue;
      y_.expect_columns(ns_name_, t.name, expr, *v, "check '" + name + "'");
      c.expression = *v;
      add_check(t, std::move(c), e.key);
    }
  }

  void read_foreign_key(Table& t, std::optional<std::string> name, const Node& key,
                        const Node& v) {
    auto f = y_.fields(v, "foreign key",
                       {"columns", "references", "on_delete", "on_update", "match", "deferrable",
                        "initially_deferred", "not_valid", "renamed_from"});
    if (!v.is_map()) return;
    ForeignKey fk;
    if (f.count("not_valid"))
      if (auto b = y_.boolean(f["not_valid"].value, "not_valid")) fk.not_valid = *b;
    if (!f.count("columns") || !f.count("references")) {
      y_.error(key, "foreign key needs columns and references");
      return;
    }
    auto cols = y_.string_list(f["columns"].value, "foreign key columns");
    if (!cols) return;
    fk.columns = *cols;
    const Node& r = f["references"].value;
    if (r.is_scalar()) {
      // A table-level reference names a table: "[schema.]table" (its primary key).
      auto name = y_.name(r, "references");
      if (!name) return;
      fk.ref_table = split_table_name(ns_name_, *name);
    } else {
      auto rf = y_.fields(r, "references", {"table", "columns"});
      if (!rf.count("table")) {
        y_.error(r, "references needs a table");
        return;
      }
      auto tn = y_.name(rf["table"].value, "table");
      if (!tn) return;
      fk.ref_table = split_table_name(ns_name_, *tn);
      if (rf.count("columns")) {
        auto rc = y_.string_list(rf["columns"].value, "referenced columns");
        if (!rc) return;
        fk.ref_columns = *rc;
      }
    }
    if (f.count("on_delete"))
      if (auto a = action(f["on_delete"].value, "on_delete")) fk.on_delete = *a;
    if (f.count("on_update"))
      if (auto a = action(f["on_update"].value, "on_update")) fk.on_update = *a;
    if (f.count("match"))
      if (auto m = y_.string(f["match"].value, "match")) {
        std::string k = lower(*m);
        if (k == "simple")
          fk.match = MatchType::kSimple;
        else if (k == "full")
          fk.match = MatchType::kFull;
        else if (k == "partial")
          y_.error(f["match"].value, "MATCH PARTIAL is not implemented by PostgreSQL");
        else
          y_.error(f["match"].value, "match must be simple or full");
      }
    read_deferral(f, fk.deferral);
    fk.renamed_from = y_.renamed_from(f);
    fk.name = name ? *name : default_name(t, column_name_addition(fk.columns), "fkey", false);
    add_foreign_key(t, std::move(fk), key, items(f["columns"].value), r);
  }

  void read_foreign_keys(Table& t, const Node& n) {
    if (n.is_sequence()) {
      for (const auto& item : n) read_foreign_key(t, std::nullopt, item, item);
      return;
    }
    for (auto& [name, e] : y_.entries(n, "foreign_keys", "foreign key"))
      read_foreign_key(t, name, e.key, e.value);
  }

  void read_exclusion(Table& t, std::optional<std::string> name, const Node& key,
                      const Node& v) {
    auto f = y_.fields(v, "exclusion",
                       {"using", "elements", "include", "where", "deferrable",
                        "initially_deferred", "renamed_from"});
    if (!v.is_map()) return;
    ExclusionConstraint x;
    if (f.count("using"))
      if (auto m = y_.name(f["using"].value, "using")) x.method = lower(*m);
    std::vector<std::string> key_names;
    std::vector<Node> key_nodes;
    if (!f.count("elements") || !f["elements"].value.is_sequence() ||
        f["elements"].value.size() == 0) {
      y_.error(f.count("elements") ? f["elements"].value : key,
               "exclusion needs a list of elements {column or expression, with}");
      return;
    }
    for (const auto& el : f["elements"].value) {
      auto ef = y_.fields(el, "exclusion element", {"column", "expression", "with", "opclass"});
      if (!el.is_map()) continue;
      ExclusionElement xe;
      if (ef.count("column") == ef.count("expression")) {
        y_.error(el, "an exclusion element needs either column or expression");
        continue;
      }
      if (ef.count("column")) {
        auto c = y_.name(ef["column"].value, "column");
        if (!c) continue;
        // A bare name is a column, "(...)" an expression: a column whose name
        // starts with '(' is written as the expression naming it.
        xe.expression = c->starts_with('(') ? "(" + sql::quote_ident(*c) + ")" : *c;
        key_names.push_back(*c);
        key_nodes.push_back(ef["column"].value);
      } else {
        auto c = y_.string(ef["expression"].value, "expression");
        if (!c || !y_.expression(ef["expression"].value, *c, "exclusion expression")) continue;
        y_.expect_columns(ns_name_, t.name, ef["expression"].value, *c, "exclusion expression");
        xe.expression = "(" + *c + ")";
        key_names.push_back(index_key_column_name(*c));
      }
      if (!ef.count("with")) {
        y_.error(el, "an exclusion element needs an operator (with)");
        continue;
      }
      if (auto w = y_.string(ef["with"].value, "with")) {
        std::string error;
        auto op = sql::parse_operator(*w, &error);
        if (!op) {
          y_.error(ef["with"].value, "exclusion operator '" + sql::visible(*w) + "': " + error +
                                         " (write it as && or schema.&&)");
          continue;
        }
        // As introspection reads it: pg_catalog's operators bare, others
        // as OPERATOR(schema.op).
        if (op->schema == "pg_catalog") op->schema.clear();
        xe.op = sql::quote_operator(*op);
      }
      if (ef.count("opclass"))
        if (auto o = y_.name(ef["opclass"].value, "opclass")) xe.opclass = *o;
      x.elements.push_back(std::move(xe));
    }
    if (f.count("include"))
      if (auto inc = y_.string_list(f["include"].value, "include")) {
        x.include = *inc;
        for (const auto& n : items(f["include"].value)) key_nodes.push_back(n);
      }
    if (f.count("where"))
      if (auto w = y_.string(f["where"].value, "where"))
        if (y_.expression(f["where"].value, *w, "where")) {
          x.where = *w;
          y_.expect_columns(ns_name_, t.name, f["where"].value, *w, "exclusion predicate");
        }
    read_deferral(f, x.deferral);
    x.renamed_from = y_.renamed_from(f);
    std::vector<std::string> all = key_names;
    all.insert(all.end(), x.include.begin(), x.include.end());
    x.name = name ? *name
                  : default_name(t, column_name_addition(dedupe_index_column_names(all)), "excl", true);
    current_table_ = t.name;
    if (!constraint_name_free(t, x.name, key)) return;
    ctx_.mark(loc_key("excl", ns_name_, t.name, x.name), y_.place(key));
    std::vector<std::string> plain;
    for (const auto& el : x.elements)
      if (el.expression.empty() || el.expression[0] != '(') plain.push_back(el.expression);
    plain.insert(plain.end(), x.include.begin(), x.include.end());
    mark_columns("excl_col", x.name, plain, key_nodes.empty() ? std::vector<Node>{key} : key_nodes);
    t.exclusions.emplace(x.name, std::move(x));
  }

  void read_exclusions(Table& t, const Node& n) {
    if (n.is_sequence()) {
      for (const auto& item : n) read_exclusion(t, std::nullopt, item, item);
      return;
    }
    for (auto& [name, e] : y_.entries(n, "exclusions", "exclusion"))
      read_exclusion(t, name, e.key, e.value);
  }



 private:
  YamlFields& y_;
  LoadContext& ctx_;
  std::string ns_name_ = "public";
  std::string current_table_;
  std::set<std::string> column_names_;  // of the table being read, lower case
  IndexReader indexes_;
};

TableReader::TableReader(YamlFields& y, LoadContext& ctx) : impl_(std::make_unique<Impl>(y, ctx)) {}
TableReader::~TableReader() = default;

void TableReader::set_namespace(std::string ns) { impl_->set_namespace(std::move(ns)); }

void TableReader::read_table(Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
  impl_->read_table(ns, name, e);
}


void TableReader::read_sequence_options(const std::map<std::string, YamlFields::Entry>& f,
                                        SequenceOptions& o) {
  impl_->read_sequence_options(f, o);
}

}  // namespace strata::model
