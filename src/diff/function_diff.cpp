// Functions, procedures, aggregates and triggers: what to create, replace,
// drop, or drop and create again with what depends on them.
#include <algorithm>

#include "diff/planner.h"
#include "model/type_name.h"
#include "sql/expression.h"
#include "sql/parse_result.h"
#include "sql/quote.h"
#include "sql/side_effects.h"
#include "sql/tree_walk.h"

namespace strata::diff {
namespace {

using sql::without_locations;

// The parse tree of a SQL-standard body, locations dropped; null when it
// does not parse.
nlohmann::json standard_body_tree(const std::string& body) {
  auto parsed = sql::parse("CREATE FUNCTION f() RETURNS integer LANGUAGE sql\n" + body);
  if (!parsed.ok()) return nullptr;
  const auto& stmts = (*parsed.tree)["stmts"];
  if (!stmts.is_array() || stmts.size() != 1) return nullptr;
  const auto& create = stmts[0]["stmt"]["CreateFunctionStmt"];
  if (!create.is_object() || !create.contains("sql_body")) return nullptr;
  return without_locations(create["sql_body"]);
}

bool same_body(const model::Function& a, const model::Function& b) {
  if (a.body == b.body) return true;
  if (!a.standard_body() || !b.standard_body()) return false;
  nlohmann::json x = standard_body_tree(a.body), y = standard_body_tree(b.body);
  return !x.is_null() && x == y;
}

bool same_default(const std::optional<std::string>& a, const std::optional<std::string>& b,
                  const std::string& schema) {
  if (!a || !b) return a == b;
  return sql::same_expression(*a, *b, {"", schema});
}

// Everything but the comment (and what depends on it) is the same.
bool same_definition(const model::Function& a, const model::Function& b, const std::string& schema) {
  if (a.procedure != b.procedure || a.returns != b.returns || a.language != b.language ||
      a.volatility != b.volatility || a.strict != b.strict ||
      a.security_definer != b.security_definer || a.leakproof != b.leakproof ||
      a.parallel != b.parallel || a.cost != b.cost || a.rows != b.rows ||
      a.settings != b.settings || a.arguments.size() != b.arguments.size())
    return false;
  for (std::size_t i = 0; i < a.arguments.size(); ++i) {
    const auto& x = a.arguments[i];
    const auto& y = b.arguments[i];
    if (x.mode != y.mode || x.name != y.name || x.type != y.type ||
        !same_default(x.default_expr, y.default_expr, schema))
      return false;
  }
  return same_body(a, b);
}

// CREATE OR REPLACE can turn `from` into `to`: same kind and result, same
// argument names and modes, and no default taken away.
bool replaceable(const model::Function& from, const model::Function& to) {
  if (from.procedure != to.procedure || from.returns != to.returns ||
      from.arguments.size() != to.arguments.size())
    return false;
  for (std::size_t i = 0; i < from.arguments.size(); ++i) {
    const auto& x = from.arguments[i];
    const auto& y = to.arguments[i];
    if (x.mode != y.mode || x.name != y.name || x.type != y.type) return false;
    if (x.default_expr && !y.default_expr) return false;
  }
  return true;
}


// True when a type of `fn` (an argument or its result) is the row type of a
// table of `s`: such a function can only be created after the table.
bool uses_row_type(const model::Function& fn, const model::Schema& s) {
  auto is_table = [&](std::string type) {
    if (type.starts_with("SETOF ")) type = type.substr(6);
    if (type.ends_with("[]")) type = type.substr(0, type.size() - 2);
    for (const auto& [ns_name, ns] : s.namespaces)
      for (const auto& [tname, _] : ns.tables)
        if (model::qualify_user_type(ns_name, tname, false) == type) return true;
    return false;
  };
  if (is_table(fn.returns)) return true;
  for (const auto& a : fn.arguments)
    if (is_table(a.type)) return true;
  return false;
}

// True when `text` (an expression, or a whole query with `query`) calls a
// function `name` of schema `schema` (qualified so, or unqualified).
bool calls(const std::string& text, bool query, const std::string& schema, const std::string& name) {
  auto parsed = sql::parse(query ? text : "SELECT (" + text + "\n)");
  if (!parsed.ok()) return false;
  for (const auto& call : sql::function_calls(*parsed.tree))
    if (call.name == name && (call.schema.empty() || call.schema == schema)) return true;
  return false;
}

// What in model `s` uses function `name` of `schema`, read from the model's
// own expressions: views, column defaults and checks calling a function of
// that name, triggers executing it. Adds to what the catalog said (pg_depend)
// for a side that was read from YAML.
std::vector<model::FunctionUser> model_users(const model::Schema& s, const std::string& schema,
                                             const std::string& name) {
  std::vector<model::FunctionUser> out;
  const std::string ref = sql::quote_qualified(schema, name);
  for (const auto& [ns_name, ns] : s.namespaces) {
    for (const auto& [vname, v] : ns.views) {
      if (calls(v.query, true, schema, name)) out.push_back({"view", ns_name, vname, ""});
      for (const auto& [tgname, tg] : v.triggers)
        if (tg.function == ref) out.push_back({"trigger", ns_name, vname, tgname});
    }
    for (const auto& [tname, t] : ns.tables) {
      for (const auto& c : t.columns)
        if (c.default_expr && calls(*c.default_expr, false, schema, name))
          out.push_back({"default", ns_name, tname, c.name});
      for (const auto& [cname, k] : t.checks)
        if (calls(k.expression, false, schema, name)) out.push_back({"check", ns_name, tname, cname});
      for (const auto& [tgname, tg] : t.triggers)
        if (tg.function == ref) out.push_back({"trigger", ns_name, tname, tgname});
    }
  }
  return out;
}

}  // namespace

bool same_trigger(const model::Trigger& a, const model::Trigger& b, const std::string& schema) {
  model::Trigger x = a, y = b;
  x.enabled = y.enabled = "origin";
  if (x.when && y.when && sql::same_expression(*x.when, *y.when, {"", schema})) x.when = y.when;
  return x == y;
}

void Planner::create_function(const QualifiedName& name, const model::Function& fn) {
  // A SQL-standard body is checked when it is created, and a row type must
  // exist first: those come once the tables are there.
  bool late = fn.standard_body() || uses_row_type(fn, want_);
  add(late ? kLateFunctionCreates : kFunctionCreates, CreateFunction{name, fn});
}

void Planner::diff_functions() {
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const auto& cns = find_namespace(cur_, ns_name);
    const auto& wns = find_namespace(want_, ns_name);
    for (const auto& [key, w] : wns.functions) {
      QualifiedName qn{ns_name, w.name};
      auto it = cns.functions.find(key);
      if (it == cns.functions.end()) {
        create_function(qn, w);
        continue;
      }
      const model::Function& c = it->second;
      if (same_definition(c, w, ns_name)) {
        if (c.comment != w.comment) add(kLateFunctionCreates, ReplaceFunction{qn, c, w});
        continue;
      }
      if (replaceable(c, w)) {
        add(kLateFunctionCreates, ReplaceFunction{qn, c, w});
        continue;
      }
      // Dropped and created again: what depends on it goes first and comes back.
      move_function_users(qn, c);
      add(kFunctionRecreates, DropFunction{qn, c});
      create_function(qn, w);
    }
    for (const auto& [key, c] : cns.functions) {
      if (wns.functions.count(key)) continue;
      move_function_users({ns_name, c.name}, c);
      add(kFunctionDrops, DropFunction{{ns_name, c.name}, c});
    }

    for (const auto& [key, w] : wns.aggregates) {
      QualifiedName qn{ns_name, w.name};
      auto it = cns.aggregates.find(key);
      if (it != cns.aggregates.end() && it->second == w) continue;
      if (it != cns.aggregates.end()) add(kFunctionRecreates, DropAggregate{qn, it->second});
      add(kLateFunctionCreates, CreateAggregate{qn, w});
    }
    for (const auto& [key, c] : cns.aggregates)
      if (!wns.aggregates.count(key)) add(kFunctionRecreates, DropAggregate{{ns_name, c.name}, c});
  }
}

void Planner::move_function_users(const QualifiedName& name, const model::Function& fn) {
  std::vector<model::FunctionUser> users = fn.used_by.users;
  for (auto& u : model_users(cur_, name.schema, name.name))
    if (std::find(users.begin(), users.end(), u) == users.end()) users.push_back(std::move(u));
  for (const auto& u : users) {
    if (moved_users_.count({u.kind, u.schema, u.object, u.part})) continue;
    moved_users_.insert({u.kind, u.schema, u.object, u.part});
    QualifiedName object{u.schema, u.object};
    if (u.kind == "view") {
      function_views_.insert(object);
    } else if (u.kind == "trigger") {
      moved_triggers_.insert({object, u.part});
    } else if (u.kind == "default" || u.kind == "check") {
      const model::Table* ct = cur_.find_table(object);
      const model::Table* wt = want_.find_table(object);
      if (!ct || !wt) continue;  // the table goes or comes: nothing to move
      if (u.kind == "default") {
        const model::Column* cc = ct->find_column(u.part);
        const model::Column* wc = wt->find_column(u.part);
        if (!cc || !wc || !cc->default_expr || !wc->default_expr) continue;
        model::Column bare = *cc;
        bare.default_expr.reset();
        ColumnDelta delta;
        delta.default_expr = true;
        add(kTriggerDrops, AlterColumn{object, *cc, bare, delta});
        model::Column back = bare;
        back.default_expr = wc->default_expr;
        add(kTriggerCreates, AlterColumn{object, bare, back, delta});
      } else {
        auto c = ct->checks.find(u.part);
        auto w = wt->checks.find(u.part);
        if (c == ct->checks.end() || w == wt->checks.end()) continue;
        add(kTriggerDrops, DropConstraint{object, c->second});
        add(kTriggerCreates, AddConstraint{object, w->second});
      }
    }
  }
}

void Planner::diff_triggers() {
  for (const auto& ns_name : namespace_names(cur_, want_)) {
    const auto& cns = find_namespace(cur_, ns_name);
    const auto& wns = find_namespace(want_, ns_name);
    for (const auto& [tname, ct] : cns.tables) {
      QualifiedName qn{ns_name, tname};
      auto wt = wns.tables.find(tname);
      for (const auto& [name, c] : ct.triggers) {
        const model::Trigger* w = nullptr;
        if (wt != wns.tables.end()) {
          auto it = wt->second.triggers.find(name);
          if (it != wt->second.triggers.end()) w = &it->second;
        }
        bool moved = moved_triggers_.count({qn, name}) > 0;
        if (w && !moved && same_trigger(c, *w, ns_name)) {
          if (c.enabled != w->enabled) add(kTriggerCreates, EnableTrigger{qn, name, c.enabled, w->enabled});
          continue;
        }
        add(kTriggerDrops, DropTrigger{qn, c});
        if (w) add(kTriggerCreates, CreateTrigger{qn, *w});
      }
    }
    for (const auto& [tname, wt] : wns.tables) {
      auto ct = cns.tables.find(tname);
      for (const auto& [name, w] : wt.triggers)
        if (ct == cns.tables.end() || !ct->second.triggers.count(name))
          add(kTriggerCreates, CreateTrigger{{ns_name, tname}, w});
    }
  }
}

}  // namespace strata::diff
