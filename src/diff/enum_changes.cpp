// Enum types whose labels change: labels added in place (ALTER TYPE ... ADD
// VALUE) or the type recreated, and what depends on the type dropped and put
// back around a recreation (EnumDependents).
//
// Dependencies are read from the parsed expressions of the models, never
// from the label's text appearing somewhere: an expression depends on the
// type when it holds a value of it, that is a literal cast to the type, or a
// literal next to a column of the type (`status <> 'paid'` as a model spells
// it; the catalog prints `'paid'::status`). `status IS NOT NULL` or
// `status::text = 'x'` hold no value of the type and survive the column's
// cast, as PostgreSQL records it too (pg_depend ties the first kind to the
// type and the second only to the column).
#include <algorithm>
#include <set>

#include "diff/planner.h"
#include "model/type_name.h"
#include "sql/parse_result.h"
#include "sql/tree_walk.h"

namespace strata::diff {
namespace {

const model::Namespace& find_ns(const model::Schema& s, const std::string& name) { return find_namespace(s, name); }

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool meets(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const auto& x) { return b.count(x) > 0; });
}

// True when `a` appears in `b` in the same order (b only inserts labels).
bool is_subsequence(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t i = 0;
  for (const auto& x : b)
    if (i < a.size() && a[i] == x) ++i;
  return i == a.size() && std::all_of(a.begin(), a.end(), [&](const auto& l) { return has(b, l); });
}

// What a parse tree says about one enum type.
struct Facts {
  bool casts_to_type = false;          // 'x'::status, NULL::status[], ...
  std::vector<std::string> typed;      // string literals cast to the type or its array
  std::vector<std::string> untyped;    // string literals cast to nothing
  std::set<std::string> columns;       // every column name referred to ("*" for a star)
  std::set<std::string> bare_columns;  // those not the direct operand of a cast
};

std::string string_of_const(const nlohmann::json& c) {
  if (c.contains("sval") && c["sval"].is_object()) return c["sval"].value("sval", "");
  if (c.contains("val") && c["val"].contains("String"))
    return c["val"]["String"].value("sval", c["val"]["String"].value("str", ""));
  return "";
}

bool is_string_const(const nlohmann::json& c) {
  return c.contains("sval") || (c.contains("val") && c["val"].contains("String"));
}

bool names_type(const nlohmann::json& type_name, const QualifiedName& type) {
  std::vector<std::string> names;
  for (const auto& n : type_name.value("names", nlohmann::json::array()))
    if (n.contains("String")) names.push_back(n["String"].value("sval", n["String"].value("str", "")));
  if (names.empty() || names.back() != type.name) return false;
  return names.size() == 1 || names[names.size() - 2] == type.schema;
}

Facts facts_of_tree(const nlohmann::json& root, const QualifiedName& type) {
  Facts f;
  // Operands of casts, by address, with whether the cast is to the type.
  std::map<const nlohmann::json*, bool> cast_operands;
  sql::for_each_object(root, [&](const nlohmann::json& node) {
    if (auto tc = node.find("TypeCast"); tc != node.end() && tc->is_object()) {
      bool to_type = tc->contains("typeName") && names_type((*tc)["typeName"], type);
      if (to_type) f.casts_to_type = true;
      if (tc->contains("arg")) cast_operands[&(*tc)["arg"]] = to_type;
    }
    auto cast = cast_operands.find(&node);
    if (auto c = node.find("A_Const"); c != node.end() && c->is_object() && is_string_const(*c)) {
      if (cast == cast_operands.end()) f.untyped.push_back(string_of_const(*c));
      else if (cast->second) f.typed.push_back(string_of_const(*c));
    }
    if (auto ref = node.find("ColumnRef"); ref != node.end() && ref->is_object()) {
      std::string last;
      for (const auto& field : ref->value("fields", nlohmann::json::array())) {
        if (field.contains("A_Star")) last.assign(1, '*');
        if (auto str = field.find("String"); str != field.end() && str->is_object())
          last = str->value("sval", std::string());
      }
      if (!last.empty()) {
        f.columns.insert(last);
        if (cast == cast_operands.end()) f.bare_columns.insert(last);
      }
    }
    return true;
  });
  return f;
}

// Facts of a scalar expression; one that does not parse is taken to depend
// on everything.
Facts expression_facts(const std::string& expression, const QualifiedName& type) {
  auto parsed = sql::parse("SELECT " + expression);
  if (!parsed.ok()) return Facts{true, {}, {}, {"*"}, {"*"}};
  return facts_of_tree(*parsed.tree, type);
}

Facts query_facts(const std::string& query, const QualifiedName& type) {
  auto parsed = sql::parse(query);
  if (!parsed.ok()) return Facts{true, {}, {}, {"*"}, {"*"}};
  return facts_of_tree(*parsed.tree, type);
}

// True when an expression of a table holds a value of the type: `enum_columns`
// are the table's columns of the type, `moved` its generated columns that go
// and come back (whatever names them goes with them).
bool holds_value(const Facts& f, const std::set<std::string>& enum_columns,
                 const std::set<std::string>& moved) {
  if (f.casts_to_type || meets(f.columns, moved)) return true;
  if (f.untyped.empty()) return false;
  return f.bare_columns.count("*") || meets(f.bare_columns, enum_columns);
}

// True when `f` uses `label` as a value of the type: cast to it, or a bare
// literal that is read as one, which `typed_context` says (a default of a
// column of the type) or a column of the type in the same expression
// (`enum_columns`; "*" when they are not known) makes likely.
bool uses_label(const Facts& f, const std::string& label, bool typed_context,
                const std::set<std::string>& enum_columns) {
  for (const auto& s : f.typed)
    if (s == label || (s.starts_with('{') && s.find(label) != std::string::npos)) return true;
  if (!has(f.untyped, label)) return false;
  return typed_context || enum_columns.count("*") || f.bare_columns.count("*") ||
         meets(f.bare_columns, enum_columns);
}

// An expression a change creates on the way up, with where it lives.
struct Created {
  std::string expression;
  std::optional<QualifiedName> table;  // unset for a view's query
  const model::Column* column = nullptr;  // for a default or generated expression
};

// Every expression a change creates on the way up.
std::vector<Created> created_expressions(const Change& change) {
  std::vector<Created> out;
  std::optional<QualifiedName> table;
  auto add = [&](const std::optional<std::string>& e, const model::Column* c = nullptr) {
    if (e) out.push_back({*e, table, c});
  };
  auto column = [&](const model::Column& c) {
    add(c.default_expr, &c);
    add(c.generated, &c);
  };
  auto index = [&](const model::Index& ix) {
    add(ix.where);
    for (const auto& k : ix.keys) add(k.expression);
  };
  auto constraint = [&](const Constraint& k) {
    if (auto* c = std::get_if<model::CheckConstraint>(&k)) add(c->expression);
    if (auto* x = std::get_if<model::ExclusionConstraint>(&k)) {
      add(x->where);
      for (const auto& el : x->elements) add(el.expression);
    }
  };
  if (auto* c = std::get_if<CreateTable>(&change)) {
    table = c->name;
    for (const auto& col : c->table.columns) column(col);
    for (const auto& [_, k] : c->table.checks) constraint(k);
    for (const auto& [_, x] : c->table.exclusions) constraint(x);
    for (const auto& [_, ix] : c->table.indexes) index(ix);
  } else if (auto* c = std::get_if<AddColumn>(&change)) {
    table = c->table;
    column(c->column);
  } else if (auto* c = std::get_if<AlterColumn>(&change)) {
    table = c->table;
    if (c->delta.default_expr || c->delta.type) add(c->to.default_expr, &c->to);
  } else if (auto* c = std::get_if<RecreateColumn>(&change)) {
    table = c->table;
    column(c->to);
  } else if (auto* c = std::get_if<AddConstraint>(&change)) {
    table = c->table;
    constraint(c->constraint);
  } else if (auto* c = std::get_if<CreateIndex>(&change)) {
    table = c->table;
    index(c->index);
  } else if (auto* c = std::get_if<CreateView>(&change)) {
    add(c->view.query);
  } else if (auto* c = std::get_if<ReplaceView>(&change)) {
    add(c->to.query);
  }
  return out;
}

}  // namespace

void Planner::diff_enums() {
  std::set<std::string> names;
  for (const auto& [n, _] : cur_.namespaces) names.insert(n);
  for (const auto& [n, _] : want_.namespaces) names.insert(n);
  for (const auto& ns_name : names) {
    const auto& cns = find_ns(cur_, ns_name);
    const auto& wns = find_ns(want_, ns_name);
    for (const auto& [name, e] : wns.enums) {
      QualifiedName qn{ns_name, name};
      auto it = cns.enums.find(name);
      if (it == cns.enums.end()) {
        add(kEnums, CreateEnum{qn, e});
        continue;
      }
      const model::EnumType& ce = it->second;
      if (ce.labels != e.labels) {
        std::vector<EnumUse> uses;
        std::string plain = model::qualify_user_type(ns_name, name, false);
        for (const auto& [tns_name, tns] : cur_.namespaces)
          for (const auto& [tname, t] : tns.tables)
            if (want_.find_table({tns_name, tname}))  // dropped tables are gone by then
              for (const auto& c : t.columns)
                if (c.type == plain || c.type == plain + "[]")
                  uses.push_back({{tns_name, tname}, c.name, c.type != plain, c.default_expr});
        // Labels only inserted: ADD VALUE, unless the rest of the plan uses a
        // new label in the same transaction (finish_enum_changes decides).
        if (is_subsequence(ce.labels, e.labels)) {
          std::vector<std::string> labels = ce.labels;
          for (size_t i = 0; i < e.labels.size(); ++i) {
            const std::string& label = e.labels[i];
            if (has(labels, label)) continue;
            AddEnumLabel add_label{qn, label, std::nullopt, std::nullopt, labels, uses, {}};
            if (i > 0) {
              add_label.after = e.labels[i - 1];
            } else {
              for (size_t j = i + 1; j < e.labels.size(); ++j)
                if (has(labels, e.labels[j])) {
                  add_label.before = e.labels[j];
                  break;
                }
            }
            auto pos = add_label.after
                           ? std::find(labels.begin(), labels.end(), *add_label.after) + 1
                           : (add_label.before
                                  ? std::find(labels.begin(), labels.end(), *add_label.before)
                                  : labels.end());
            labels.insert(pos, label);
            add(kEnums, std::move(add_label));
          }
        } else {
          add(kEnums, RecreateEnum{qn, ce.labels, e.labels, uses, {}});
        }
      }
      if (ce.comment != e.comment)
        add(kComments, SetComment{CommentTarget::kType, qn, "", ce.comment, e.comment});
    }
    for (const auto& [name, e] : cns.enums)
      if (!wns.enums.count(name)) add(kEnumDrops, DropEnum{{ns_name, name}, e});
  }
}

bool Planner::plan_uses_new_label(const QualifiedName& type,
                                  const std::vector<std::string>& labels) const {
  std::string plain = model::qualify_user_type(type.schema, type.name, false);
  auto of_type = [&](const model::Column& c) { return c.type == plain || c.type == plain + "[]"; };
  for (size_t phase = 0; phase < kPhaseCount; ++phase) {
    if (phase == kEnums) continue;
    for (const auto& change : phases_[phase]) {
      for (const auto& e : created_expressions(change)) {
        // A view's columns are not known here: any column may be of the type.
        std::set<std::string> enum_columns{"*"};
        if (e.table) {
          enum_columns.clear();
          if (const model::Table* t = want_.find_table(*e.table))
            for (const auto& c : t->columns)
              if (of_type(c)) enum_columns.insert(c.name);
        }
        Facts f = e.table ? expression_facts(e.expression, type) : query_facts(e.expression, type);
        bool typed_context = e.column && of_type(*e.column);
        for (const auto& label : labels)
          if (uses_label(f, label, typed_context, enum_columns)) return true;
      }
    }
  }
  return false;
}

EnumDependents Planner::enum_dependents(const QualifiedName& type,
                                        std::vector<EnumUse>& uses) const {
  // What the plan has already dropped when the enum changes run.
  std::set<QualifiedName> gone_views, gone_tables;
  std::set<std::pair<QualifiedName, std::string>> gone_constraints;
  std::set<QualifiedName> gone_indexes;  // (schema, index name)
  for (Phase phase : {kViewDrops, kForeignKeyDrops, kKeyDrops, kTableDrops})
    for (const auto& change : phases_[phase]) {
      if (auto* c = std::get_if<DropView>(&change)) gone_views.insert(c->name);
      if (auto* c = std::get_if<DropTable>(&change)) gone_tables.insert(c->name);
      if (auto* c = std::get_if<DropConstraint>(&change))
        gone_constraints.insert({c->table, constraint_name(c->constraint)});
      if (auto* c = std::get_if<DropIndex>(&change))
        gone_indexes.insert({c->table.schema, c->index.name});
    }

  std::string plain = model::qualify_user_type(type.schema, type.name, false);
  EnumDependents out;
  // Per table: its columns of the type, and the generated columns that go.
  std::map<QualifiedName, std::set<std::string>> typed_columns, moved_columns;
  for (const auto& [ns_name, ns] : cur_.namespaces)
    for (const auto& [tname, t] : ns.tables) {
      QualifiedName qn{ns_name, tname};
      if (gone_tables.count(qn)) continue;
      for (const auto& c : t.columns)
        if (c.type == plain || c.type == plain + "[]") typed_columns[qn].insert(c.name);
      for (const auto& c : t.columns) {
        if (!c.generated) continue;
        Facts f = expression_facts(*c.generated, type);
        if (typed_columns[qn].count(c.name) || f.casts_to_type || meets(f.columns, typed_columns[qn])) {
          moved_columns[qn].insert(c.name);
          out.generated.push_back(AddColumn{qn, c});
        }
      }
      const auto& typed = typed_columns[qn];
      const auto& moved = moved_columns[qn];
      auto depends = [&](const std::optional<std::string>& e) {
        return e && holds_value(expression_facts(*e, type), typed, moved);
      };
      for (const auto& [name, k] : t.checks)
        if (!gone_constraints.count({qn, name}) && depends(k.expression))
          out.constraints.push_back(AddConstraint{qn, k});
      // DROP COLUMN takes a unique constraint on a moved column along.
      for (const auto& [name, u] : t.uniques)
        if (!gone_constraints.count({qn, name}) &&
            std::any_of(u.columns.begin(), u.columns.end(), [&](const auto& c) { return moved.count(c) > 0; }))
          out.constraints.push_back(AddConstraint{qn, u});
      for (const auto& [name, x] : t.exclusions) {
        if (gone_constraints.count({qn, name})) continue;
        bool dep = depends(x.where) ||
                   std::any_of(x.include.begin(), x.include.end(), [&](const auto& c) { return moved.count(c) > 0; });
        for (const auto& el : x.elements)
          dep = dep || (el.expression.starts_with('(') ? depends(el.expression) : moved.count(el.expression) > 0);
        if (dep) out.constraints.push_back(AddConstraint{qn, x});
      }
      for (const auto& [name, ix] : t.indexes) {
        if (gone_indexes.count({ns_name, name})) continue;
        bool dep = depends(ix.where) ||
                   std::any_of(ix.include.begin(), ix.include.end(), [&](const auto& c) { return moved.count(c) > 0; });
        for (const auto& k : ix.keys) dep = dep || moved.count(k.column) > 0 || depends(k.expression);
        if (dep) out.indexes.push_back(CreateIndex{qn, ix});
      }
    }
  // A generated column that goes is no longer cast with the others.
  std::erase_if(uses, [&](const EnumUse& u) {
    auto m = moved_columns.find(u.table);
    return m != moved_columns.end() && m->second.count(u.column) > 0;
  });

  // Views that read a column of the type or a moved one, cast to the type,
  // or read a view that goes.
  std::set<QualifiedName> views;
  std::map<QualifiedName, std::pair<std::set<QualifiedName>, Facts>> read;
  for (const auto& [ns_name, ns] : cur_.namespaces)
    for (const auto& [vname, v] : ns.views) {
      QualifiedName qn{ns_name, vname};
      if (!gone_views.count(qn)) read[qn] = {relations_read(v.query, ns_name), query_facts(v.query, type)};
    }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [qn, r] : read) {
      if (views.count(qn)) continue;
      bool dep = r.second.casts_to_type;
      for (const auto& rel : r.first) {
        if (views.count(rel)) dep = true;
        for (const auto* columns : {&typed_columns, &moved_columns}) {
          auto it = columns->find(rel);
          if (it != columns->end() && !it->second.empty() &&
              (r.second.columns.count("*") || meets(r.second.columns, it->second)))
            dep = true;
        }
      }
      if (dep) {
        views.insert(qn);
        grew = true;
      }
    }
  }
  for (const auto& qn : views_in_read_order(views, cur_)) {
    model::View v = cur_.namespaces.at(qn.schema).views.at(qn.name);
    std::erase_if(v.indexes, [&](const auto& ix) { return gone_indexes.count({qn.schema, ix.first}) > 0; });
    out.views.push_back(CreateView{qn, std::move(v)});
  }
  return out;
}

void Planner::finish_enum_changes() {
  std::vector<Change> done;
  std::set<QualifiedName> recreated;  // types whose added labels the plan uses at once
  for (auto& change : phases_[kEnums]) {
    if (auto* a = std::get_if<AddEnumLabel>(&change)) {
      if (recreated.count(a->type)) continue;
      const model::EnumType& want = find_ns(want_, a->type.schema).enums.at(a->type.name);
      std::vector<std::string> added;
      for (const auto& l : want.labels)
        if (!has(a->labels_before, l)) added.push_back(l);
      // A value added by ADD VALUE cannot be used in the same transaction:
      // when the plan writes a new label into an expression, the type is
      // recreated instead.
      if (plan_uses_new_label(a->type, added)) {
        recreated.insert(a->type);
        RecreateEnum r{a->type, a->labels_before, want.labels, a->uses, {}};
        r.dependents = enum_dependents(r.type, r.uses);
        done.push_back(std::move(r));
        continue;
      }
      a->dependents = enum_dependents(a->type, a->uses);
    } else if (auto* r = std::get_if<RecreateEnum>(&change)) {
      r->dependents = enum_dependents(r->type, r->uses);
    }
    done.push_back(std::move(change));
  }
  phases_[kEnums] = std::move(done);
}

}  // namespace strata::diff
