#include "diff/planner.h"

#include <algorithm>
#include <map>

#include "model/default_names.h"
#include "model/type_name.h"

namespace strata::diff {
namespace {

const model::Namespace& find_ns(const model::Schema& s, const std::string& name) { return find_namespace(s, name); }

template <typename Map>
void rename_key(Map& map, const std::string& from, const std::string& to) {
  auto node = map.extract(from);
  node.key() = to;
  node.mapped().name = to;
  map.insert(std::move(node));
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (auto& n : names)
    if (n == from) n = to;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

Planner::Planner(model::Schema current, model::Schema desired, const Options& options,
                 ExpressionJudge& judge)
    : cur_(std::move(current)), want_(std::move(desired)), options_(options), judge_(judge) {}

std::vector<Change> Planner::run() {
  apply_renames();
  take_access();
  diff_schemas();
  diff_extensions();
  diff_enums();
  diff_collations();
  diff_text_search_configs();
  diff_domains();
  diff_composite_types();
  diff_sequences();
  diff_tables();
  diff_functions();
  diff_triggers();
  diff_views();
  diff_policies();
  diff_access();
  finish_enum_changes();
  diff_view_triggers();
  // One allocation for the whole list, each phase freed once moved: a
  // first pass with open questions counts thousands of changes, and
  // growing the list while every phase was still held kept up to three
  // times their size at once.
  std::size_t total = 0;
  for (const auto& phase : phases_) total += phase.size();
  std::vector<Change> out;
  out.reserve(total);
  for (auto& phase : phases_) {
    for (auto& c : phase) out.push_back(std::move(c));
    std::vector<Change>().swap(phase);
  }
  return out;
}

std::pair<model::Schema, model::Schema> Planner::take_schemas() && {
  give_access_back();
  return {std::move(cur_), std::move(want_)};
}

void Planner::rename_type_references(const std::string& from_type, const std::string& to_type) {
  for (auto& [_, ns] : cur_.namespaces)
    for (auto& [_, t] : ns.tables)
      for (auto& c : t.columns) {
        if (c.type == from_type) c.type = to_type;
        if (c.type == from_type + "[]") c.type = to_type + "[]";
      }
}

void Planner::rename_serial_sequence(const std::string& ns, const std::string& table,
                                     const model::Column& column, const std::string& new_table,
                                     const std::string& new_column) {
  if (!model::is_serial_type(column.type)) return;
  std::string from = model::sequence_name(table, column.name);
  std::string to = model::sequence_name(new_table, new_column);
  if (from != to) add(kRenames, RenameSequence{{ns, from}, to});
}

void Planner::follow_table_rename(const QualifiedName& qn, const std::string& old_name,
                                  model::Table& cur, const model::Table& want) {
  // Names derived from the old table name ("tickets_pkey") that the desired
  // model spells with the new one ("issues_pkey") are renamed along.
  std::string prefix = old_name + "_";
  auto new_name_for = [&](const std::string& n) -> std::optional<std::string> {
    if (!n.starts_with(prefix)) return std::nullopt;
    return qn.name + "_" + n.substr(prefix.size());
  };
  if (cur.primary_key && want.primary_key && !want.primary_key->renamed_from) {
    auto to = new_name_for(cur.primary_key->name);
    if (to && *to == want.primary_key->name) {
      add(kRenames, RenameConstraint{qn, cur.primary_key->name, *to});
      cur.primary_key->name = *to;
    }
  }
  auto follow = [&](auto& cur_map, const auto& want_map) {
    std::vector<std::pair<std::string, std::string>> moves;
    for (const auto& [n, _] : cur_map) {
      auto to = new_name_for(n);
      if (to && want_map.count(*to) && !cur_map.count(*to) && !want_map.count(n))
        moves.push_back({n, *to});
    }
    return moves;
  };
  for (auto& [from, to] : follow(cur.uniques, want.uniques)) {
    add(kRenames, RenameConstraint{qn, from, to});
    rename_key(cur.uniques, from, to);
  }
  for (auto& [from, to] : follow(cur.checks, want.checks)) {
    add(kRenames, RenameConstraint{qn, from, to});
    rename_key(cur.checks, from, to);
  }
  for (auto& [from, to] : follow(cur.foreign_keys, want.foreign_keys)) {
    add(kRenames, RenameConstraint{qn, from, to});
    rename_key(cur.foreign_keys, from, to);
  }
  for (auto& [from, to] : follow(cur.exclusions, want.exclusions)) {
    add(kRenames, RenameConstraint{qn, from, to});
    rename_key(cur.exclusions, from, to);
  }
  for (auto& [from, to] : follow(cur.indexes, want.indexes)) {
    add(kRenames, RenameIndex{{qn.schema, from}, to});
    rename_key(cur.indexes, from, to);
  }
}

void Planner::apply_renames() {
  for (const auto& [ns_name, want_ns] : want_.namespaces) {
    auto cur_it = cur_.namespaces.find(ns_name);
    if (cur_it == cur_.namespaces.end()) continue;
    model::Namespace& cns = cur_it->second;

    for (const auto& [name, e] : want_ns.enums) {
      if (e.renamed_from && !cns.enums.count(name) && cns.enums.count(*e.renamed_from)) {
        add(kRenames, RenameEnum{{ns_name, *e.renamed_from}, name});
        rename_key(cns.enums, *e.renamed_from, name);
        rename_type_references(model::qualify_user_type(ns_name, *e.renamed_from, false),
                               model::qualify_user_type(ns_name, name, false));
      }
      auto ce = cns.enums.find(name);
      if (ce == cns.enums.end()) continue;
      for (const auto& [to, from] : e.label_renamed_from) {
        auto& labels = ce->second.labels;
        if (contains(labels, from) && !contains(labels, to)) {
          add(kRenames, RenameEnumLabel{{ns_name, name}, from, to});
          rename_in(labels, from, to);
        }
      }
    }

    for (const auto& [name, t] : want_ns.tables) {
      if (t.renamed_from && !cns.tables.count(name) && cns.tables.count(*t.renamed_from)) {
        QualifiedName old{ns_name, *t.renamed_from};
        add(kRenames, RenameTable{old, name});
        rename_key(cns.tables, *t.renamed_from, name);
        for (const auto& c : cns.tables.at(name).columns)
          rename_serial_sequence(ns_name, *t.renamed_from, c, name, c.name);
        for (auto& [_, ns] : cur_.namespaces)
          for (auto& [_, other] : ns.tables)
            for (auto& [_, fk] : other.foreign_keys)
              if (fk.ref_table == old) fk.ref_table.name = name;
      }
      auto ct_it = cns.tables.find(name);
      if (ct_it == cns.tables.end()) continue;
      model::Table& ct = ct_it->second;
      QualifiedName qn{ns_name, name};
      if (t.renamed_from) follow_table_rename(qn, *t.renamed_from, ct, t);

      for (const auto& wc : t.columns) {
        if (!wc.renamed_from || ct.find_column(wc.name) || !ct.find_column(*wc.renamed_from))
          continue;
        const std::string& from = *wc.renamed_from;
        add(kRenames, RenameColumn{qn, from, wc.name});
        rename_serial_sequence(ns_name, name, *ct.find_column(from), name, wc.name);
        for (auto& c : ct.columns)
          if (c.name == from) c.name = wc.name;
        if (ct.primary_key) rename_in(ct.primary_key->columns, from, wc.name);
        for (auto& [_, u] : ct.uniques) rename_in(u.columns, from, wc.name);
        for (auto& [_, fk] : ct.foreign_keys) rename_in(fk.columns, from, wc.name);
        for (auto& [_, x] : ct.exclusions) {
          rename_in(x.include, from, wc.name);
          for (auto& el : x.elements)
            if (el.expression == from) el.expression = wc.name;
        }
        for (auto& [_, ix] : ct.indexes) {
          rename_in(ix.include, from, wc.name);
          for (auto& k : ix.keys) {
            if (k.column == from) k.column = wc.name;
            if (k.expression) k.expression = rename_identifier(*k.expression, from, wc.name);
          }
          if (ix.where) ix.where = rename_identifier(*ix.where, from, wc.name);
        }
        // The server keeps expressions as trees: after the rename they name
        // the new column, and so must what is dropped and put back.
        for (auto& [_, k] : ct.checks) k.expression = rename_identifier(k.expression, from, wc.name);
        for (auto& [_, x] : ct.exclusions) {
          for (auto& el : x.elements) el.expression = rename_identifier(el.expression, from, wc.name);
          if (x.where) x.where = rename_identifier(*x.where, from, wc.name);
        }
        for (auto& [_, p] : ct.policies) {
          if (p.using_expr) p.using_expr = rename_identifier(*p.using_expr, from, wc.name);
          if (p.with_check_expr)
            p.with_check_expr = rename_identifier(*p.with_check_expr, from, wc.name);
        }
        for (auto& c : ct.columns) {
          if (c.default_expr) c.default_expr = rename_identifier(*c.default_expr, from, wc.name);
          if (c.generated) c.generated = rename_identifier(*c.generated, from, wc.name);
        }
        for (auto& [_, ns] : cur_.namespaces)
          for (auto& [_, other] : ns.tables)
            for (auto& [_, fk] : other.foreign_keys)
              if (fk.ref_table == qn) rename_in(fk.ref_columns, from, wc.name);
      }

      if (t.primary_key && t.primary_key->renamed_from && ct.primary_key &&
          ct.primary_key->name == *t.primary_key->renamed_from &&
          ct.primary_key->name != t.primary_key->name) {
        add(kRenames, RenameConstraint{qn, ct.primary_key->name, t.primary_key->name});
        ct.primary_key->name = t.primary_key->name;
      }
      auto rename_constraints = [&](const auto& want_map, auto& cur_map) {
        for (const auto& [cname, c] : want_map) {
          if (c.renamed_from && !cur_map.count(cname) && cur_map.count(*c.renamed_from)) {
            add(kRenames, RenameConstraint{qn, *c.renamed_from, cname});
            rename_key(cur_map, *c.renamed_from, cname);
          }
        }
      };
      rename_constraints(t.uniques, ct.uniques);
      rename_constraints(t.checks, ct.checks);
      rename_constraints(t.foreign_keys, ct.foreign_keys);
      rename_constraints(t.exclusions, ct.exclusions);
      for (const auto& [iname, ix] : t.indexes) {
        if (ix.renamed_from && !ct.indexes.count(iname) && ct.indexes.count(*ix.renamed_from)) {
          add(kRenames, RenameIndex{{ns_name, *ix.renamed_from}, iname});
          rename_key(ct.indexes, *ix.renamed_from, iname);
        }
      }
    }
  }
}

void Planner::diff_schemas() {
  for (const auto& name : namespace_names(cur_, want_)) {
    bool in_cur = cur_.namespaces.count(name), in_want = want_.namespaces.count(name);
    bool builtin = options_.builtin_schemas.count(name) > 0;
    const auto& cns = find_ns(cur_, name);
    const auto& wns = find_ns(want_, name);
    if (!in_cur && in_want && !builtin) {
      add(kSchemaCreates, CreateSchema{name, wns.comment});
    } else if (in_cur && !in_want && !builtin) {
      add(kSchemaDrops, DropSchema{name, cns.comment});
    } else if (cns.comment != wns.comment && (!builtin || wns.comment)) {
      add(kComments, SetComment{CommentTarget::kSchema, {name, ""}, "", cns.comment, wns.comment});
    }
  }
}

void Planner::diff_extensions() {
  for (const auto& [name, e] : want_.extensions) {
    auto it = cur_.extensions.find(name);
    if (it == cur_.extensions.end()) {
      add(kExtensions, CreateExtension{e});
    } else if (e.version && it->second.version && *e.version != *it->second.version) {
      add(kExtensions, AlterExtension{name, *it->second.version, *e.version, it->second.schema});
    }
  }
  for (const auto& [name, e] : cur_.extensions)
    if (!want_.extensions.count(name)) add(kExtensionDrops, DropExtension{e});
}

namespace {

// The (table, column) of a serial column of namespace `ns` whose sequence is
// called `sequence`.
std::optional<std::pair<std::string, std::string>> serial_owner(const model::Schema& s,
                                                                const std::string& ns,
                                                                const std::string& sequence) {
  auto it = s.namespaces.find(ns);
  if (it == s.namespaces.end()) return std::nullopt;
  for (const auto& [tname, t] : it->second.tables)
    for (const auto& c : t.columns)
      if (model::is_serial_type(c.type) && model::sequence_name(tname, c.name) == sequence)
        return std::make_pair(tname, c.name);
  return std::nullopt;
}

// The sequence a serial column of `type` owns, as a free-standing sequence.
model::Sequence serial_sequence(const std::string& name, const std::string& type) {
  model::Sequence s;
  s.name = name;
  s.type = model::serial_base_type(type);
  return s;
}

// The column (table, column) of `s` when it exists and is not serial.
const model::Column* plain_column(const model::Schema& s, const std::string& ns,
                                  const std::pair<std::string, std::string>& owner) {
  const model::Table* t = s.find_table({ns, owner.first});
  const model::Column* c = t ? t->find_column(owner.second) : nullptr;
  return c && !model::is_serial_type(c->type) ? c : nullptr;
}

}  // namespace

void Planner::diff_sequences() {
  auto without_owner = [](model::Sequence s) {
    s.owned_by.reset();
    return s;
  };
  auto without_comment = [](model::Sequence s) {
    s.comment.reset();
    return s;
  };
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const auto& cns = find_ns(cur_, ns_name);
    const auto& wns = find_ns(want_, ns_name);
    for (const auto& [name, s] : wns.sequences) {
      QualifiedName qn{ns_name, name};
      auto it = cns.sequences.find(name);
      auto owner = it == cns.sequences.end() ? serial_owner(cur_, ns_name, name) : std::nullopt;
      if (owner && plain_column(want_, ns_name, *owner)) {
        // A serial column lets go of its sequence, which stays.
        kept_sequences_.insert(qn);
        const model::Column* c = cur_.find_table({ns_name, owner->first})->find_column(owner->second);
        model::Sequence was = serial_sequence(name, c->type);
        if (was != without_comment(s)) add(kSequenceOwners, AlterSequence{qn, was, without_comment(s)});
        if (s.comment) add(kComments, SetComment{CommentTarget::kSequence, qn, "", std::nullopt, s.comment});
        continue;
      }
      if (it == cns.sequences.end()) {
        add(kSequences, CreateSequence{qn, without_owner(s)});
        if (s.owned_by) add(kSequenceOwners, AlterSequence{qn, without_owner(s), s});
        continue;
      }
      const model::Sequence& cs = it->second;
      if (without_comment(cs) != without_comment(s))
        add(kSequenceOwners, AlterSequence{qn, without_comment(cs), without_comment(s)});
      if (cs.comment != s.comment)
        add(kComments, SetComment{CommentTarget::kSequence, qn, "", cs.comment, s.comment});
    }
    for (const auto& [name, s] : cns.sequences) {
      if (wns.sequences.count(name)) continue;
      QualifiedName qn{ns_name, name};
      if (auto owner = serial_owner(want_, ns_name, name); owner && plain_column(cur_, ns_name, *owner)) {
        // A column becomes serial and adopts this sequence.
        kept_sequences_.insert(qn);
        const model::Column* c = want_.find_table({ns_name, owner->first})->find_column(owner->second);
        model::Sequence becomes = serial_sequence(name, c->type);
        becomes.owned_by = s.owned_by;
        if (without_comment(s) != becomes) add(kSequences, AlterSequence{qn, without_comment(s), becomes});
        if (s.comment) add(kComments, SetComment{CommentTarget::kSequence, qn, "", s.comment, std::nullopt});
        continue;
      }
      if (s.owned_by) add(kForeignKeyDrops, AlterSequence{qn, s, without_owner(s)});
      add(kSequenceDrops, DropSequence{qn, without_owner(s)});
    }
  }
}

void Planner::diff_tables() {
  std::vector<QualifiedName> created, dropped, matched;
  std::vector<std::pair<const model::Table*, const model::Table*>> sides;
  std::set<QualifiedName> recreate = tables_to_recreate();
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    // Both sides' tables in name order, walked together.
    const auto& ctables = find_ns(cur_, ns_name).tables;
    const auto& wtables = find_ns(want_, ns_name).tables;
    auto c = ctables.begin(), w = wtables.begin();
    while (c != ctables.end() || w != wtables.end()) {
      if (w == wtables.end() || (c != ctables.end() && c->first < w->first)) {
        dropped.push_back({ns_name, c++->first});
      } else if (c == ctables.end() || w->first < c->first) {
        created.push_back({ns_name, w++->first});
      } else {
        QualifiedName qn{ns_name, w->first};
        if (!recreate.empty() && recreate.count(qn)) {
          created.push_back(qn);
          dropped.push_back(std::move(qn));
        } else {
          matched.push_back(std::move(qn));
          sides.emplace_back(&c->second, &w->second);
        }
        ++c;
        ++w;
      }
    }
  }
  // A partition that becomes a plain table (or the reverse) is compared
  // with its parent's columns, which it has once detached (or must have to
  // be attached): a copy of both sides is made for partitions alone; every
  // other table is compared where it is (copying every table of both
  // schemas cost time and a third and fourth schema's memory).
  std::map<QualifiedName, std::pair<model::Table, model::Table>> partitions;
  for (std::size_t i = 0; i < matched.size(); ++i) {
    auto& [cur, want] = sides[i];
    if (cur->partition_of || want->partition_of) {
      auto& copy = partitions.emplace(matched[i], partition_sides(*cur, *want)).first->second;
      cur = &copy.first;
      want = &copy.second;
    }
  }
  for (std::size_t i = 0; i < matched.size(); ++i) diff_table(matched[i], *sides[i].first, *sides[i].second);
  for (std::size_t i = 0; i < matched.size(); ++i)
    diff_foreign_keys(matched[i], *sides[i].first, *sides[i].second);
  create_tables(created);
  drop_tables(dropped);
}

const model::Namespace& find_namespace(const model::Schema& s, const std::string& name) {
  static const model::Namespace empty;
  auto it = s.namespaces.find(name);
  return it == s.namespaces.end() ? empty : it->second;
}

std::set<std::string> namespace_names(const model::Schema& a, const model::Schema& b) {
  std::set<std::string> out;
  for (const auto& [n, _] : a.namespaces) out.insert(n);
  for (const auto& [n, _] : b.namespaces) out.insert(n);
  return out;
}

}  // namespace strata::diff
