#include "golden/random_schema.h"

#include <algorithm>
#include <functional>
#include <set>

#include "model/default_names.h"

namespace strata::golden {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  int below(int n) { return static_cast<int>(g_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }

 private:
  std::mt19937_64 g_;
};

// Types that cast into one another with `col::type` on an empty table.
const std::vector<std::string> kCastable = {"integer", "bigint", "numeric(12,2)", "text",
                                            "character varying(40)"};
const std::vector<std::string> kOther = {"boolean", "timestamp with time zone", "date", "jsonb"};
const std::string kEnum = "public.mood";
const std::vector<std::string> kLabels = {"calm", "happy", "sad", "angry"};

bool is_number(const std::string& t) {
  return t == "integer" || t == "bigint" || t == "numeric(12,2)";
}

std::optional<std::string> random_default(Rng& r, const std::string& type) {
  if (!r.chance(35)) return std::nullopt;
  if (is_number(type)) return r.chance(50) ? "0" : "42";
  if (type == "text" || type == "character varying(40)") return r.chance(50) ? "'x'" : "''";
  if (type == "boolean") return "true";
  if (type == "timestamp with time zone") return "now()";
  if (type == "date") return "CURRENT_DATE";
  if (type == "jsonb") return "'{}'::jsonb";
  if (type == kEnum) return "'calm'";
  return std::nullopt;
}

model::Namespace& ns(model::Schema& s) {
  auto& n = s.namespaces["public"];
  n.name = "public";
  return n;
}

std::string fresh_name(Rng& r, const std::string& prefix, const std::function<bool(const std::string&)>& taken) {
  for (;;) {
    std::string n = prefix + std::to_string(r.below(1000));
    if (!taken(n)) return n;
  }
}

model::Column random_column(Rng& r, const std::string& name, bool has_enum) {
  model::Column c;
  c.name = name;
  std::vector<std::string> types = kCastable;
  types.insert(types.end(), kOther.begin(), kOther.end());
  if (has_enum) types.push_back(kEnum);
  c.type = r.pick(types);
  c.nullable = r.chance(60);
  c.default_expr = random_default(r, c.type);
  if (r.chance(10)) c.comment = "column " + name;
  return c;
}

void add_random_column(Rng& r, model::Schema& s, model::Table& t) {
  std::string name = fresh_name(r, "c", [&](const std::string& n) { return t.find_column(n) != nullptr; });
  t.columns.push_back(random_column(r, name, ns(s).enums.count("mood") > 0));
}

// True when generated expression `e` names column `col` (the generator
// writes a column name followed by a space, alone or after '(').
bool names_column(const std::optional<std::string>& e, const std::string& col) {
  if (!e) return false;
  for (size_t at = e->find(col + " "); at != std::string::npos; at = e->find(col + " ", at + 1))
    if (at == 0 || (*e)[at - 1] == '(' || (*e)[at - 1] == ' ') return true;
  return false;
}

bool index_names_column(const model::Index& ix, const std::string& col) {
  if (names_column(ix.where, col)) return true;
  return std::any_of(ix.keys.begin(), ix.keys.end(),
                     [&](const auto& k) { return k.column == col || names_column(k.expression, col); });
}

// Removes everything that mentions column `col` of table `t`.
void forget_column(model::Schema& s, model::Table& t, const std::string& col) {
  auto uses = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), col) != v.end(); };
  if (t.primary_key && uses(t.primary_key->columns)) t.primary_key.reset();
  std::erase_if(t.uniques, [&](const auto& kv) { return uses(kv.second.columns); });
  std::erase_if(t.checks, [&](const auto& kv) { return kv.second.expression.find(col + " ") == 0; });
  std::erase_if(t.foreign_keys, [&](const auto& kv) { return uses(kv.second.columns); });
  std::erase_if(t.indexes, [&](const auto& kv) { return index_names_column(kv.second, col); });
  for (auto& [_, other] : ns(s).tables)
    std::erase_if(other.foreign_keys, [&](const auto& kv) {
      return kv.second.ref_table.name == t.name && uses(kv.second.ref_columns);
    });
  ns(s).views.clear();
}

// An expression holding a value of the enum over column `c`: the type's
// recreation must drop and put it back. "calm" is in every version of the type.
void add_enum_key(Rng& r, model::Table& t, const model::Column& c) {
  switch (r.below(3)) {
    case 0: {
      std::string n = model::check_name(t.name, c.name);
      t.checks[n] = {n, c.name + " IS DISTINCT FROM 'calm' OR id > 0", false, std::nullopt};
      break;
    }
    case 1: {
      model::Index ix;
      ix.name = model::index_name(t.name, {c.name});
      model::IndexKey k;
      k.column = "id";
      ix.keys = {k};
      ix.where = c.name + " = 'calm'";
      t.indexes[ix.name] = ix;
      break;
    }
    default: {
      model::Index ix;
      ix.name = model::index_name(t.name, {c.name, "calm"});
      model::IndexKey k;
      k.expression = "(" + c.name + " = 'calm')";
      ix.keys = {k};
      t.indexes[ix.name] = ix;
    }
  }
}

void add_random_key(Rng& r, model::Table& t) {
  if (t.columns.empty()) return;
  const model::Column& c = r.pick(t.columns);
  if (c.type == kEnum) return add_enum_key(r, t, c);
  switch (r.below(3)) {
    case 0: {
      if (c.type == "jsonb") return;
      std::string n = model::unique_name(t.name, {c.name});
      if (!t.uniques.count(n)) t.uniques[n] = {n, {c.name}, false, {}, std::nullopt};
      break;
    }
    case 1: {
      if (!is_number(c.type)) return;
      std::string n = model::check_name(t.name, c.name);
      t.checks[n] = {n, c.name + " > 0", false, std::nullopt};
      break;
    }
    default: {
      if (c.type == "jsonb") return;
      std::string n = model::index_name(t.name, {c.name});
      model::Index ix;
      ix.name = n;
      model::IndexKey k;
      k.column = c.name;
      k.descending = r.chance(30);
      ix.keys = {k};
      if (r.chance(30)) ix.where = c.name + " IS NOT NULL";
      t.indexes[n] = ix;
    }
  }
}

void add_random_table(Rng& r, model::Schema& s) {
  model::Namespace& n = ns(s);
  std::string name = fresh_name(r, "t", [&](const std::string& x) { return n.tables.count(x) > 0; });
  model::Table t;
  t.name = name;
  model::Column id;
  id.name = "id";
  id.type = "bigint";
  id.nullable = false;
  if (r.chance(30)) id.identity = model::Identity{r.chance(50) ? model::IdentityKind::kAlways : model::IdentityKind::kByDefault, {}};
  t.columns.push_back(id);
  t.primary_key = model::PrimaryKey{model::primary_key_name(name), {"id"}, {}, std::nullopt};
  int columns = 1 + r.below(4);
  for (int i = 0; i < columns; ++i) add_random_column(r, s, t);
  if (r.chance(40)) add_random_key(r, t);
  if (!n.tables.empty() && r.chance(40)) {
    std::vector<std::string> names;
    for (const auto& [tn, _] : n.tables) names.push_back(tn);
    std::string target = r.pick(names);
    std::string col = "ref_" + target;
    model::Column fk_col;
    fk_col.name = col;
    fk_col.type = "bigint";
    t.columns.push_back(fk_col);
    std::string fk_name = model::foreign_key_name(name, {col});
    model::ForeignKey fk;
    fk.name = fk_name;
    fk.columns = {col};
    fk.ref_table = {"public", target};
    fk.ref_columns = {"id"};
    if (r.chance(30)) fk.on_delete = model::ReferentialAction::kCascade;
    t.foreign_keys[fk_name] = fk;
  }
  if (r.chance(20)) t.comment = "table " + name;
  n.tables[name] = t;
}

// Adds, removes or reorders a label of the enum (creating it when missing).
void mutate_enum(Rng& r, model::Namespace& n) {
  auto it = n.enums.find("mood");
  if (it == n.enums.end()) {
    n.enums["mood"] = {"mood", {"calm", "happy"}, std::nullopt, std::nullopt, {}};
    return;
  }
  auto& labels = it->second.labels;
  if (labels.size() < kLabels.size() && r.chance(60)) {
    for (const auto& l : kLabels)
      if (std::find(labels.begin(), labels.end(), l) == labels.end()) {
        labels.insert(labels.begin() + r.below(static_cast<int>(labels.size()) + 1), l);
        break;
      }
  } else if (labels.size() > 2 && r.chance(30)) {
    // Reorder: swap two labels.
    std::swap(labels[0], labels[static_cast<size_t>(1 + r.below(static_cast<int>(labels.size()) - 1))]);
  } else if (labels.size() > 1) {
    // Keep "calm": defaults and expressions use it.
    if (labels.back() != "calm") labels.pop_back();
  }
}

// A view of `t`: over its first enum column when it has one (reading the
// column and comparing it with a label), else over its key.
std::string view_query(const model::Table& t) {
  for (const auto& c : t.columns)
    if (c.type == kEnum)
      return "SELECT id, " + c.name + " FROM " + t.name + " WHERE " + c.name + " <> 'calm'";
  return "SELECT id FROM " + t.name;
}

void mutate(Rng& r, model::Schema& s) {
  model::Namespace& n = ns(s);
  std::vector<std::string> tables;
  for (const auto& [tn, _] : n.tables) tables.push_back(tn);
  if (tables.empty()) return add_random_table(r, s);
  model::Table& t = n.tables[r.pick(tables)];
  switch (r.below(15)) {
    case 0: return add_random_table(r, s);
    case 1: {  // drop a table and what refers to it
      std::string gone = t.name;
      n.tables.erase(gone);
      for (auto& [_, other] : n.tables)
        std::erase_if(other.foreign_keys, [&](const auto& kv) { return kv.second.ref_table.name == gone; });
      n.views.clear();
      return;
    }
    case 2: return add_random_column(r, s, t);
    case 3: {  // drop a column at any position
      if (t.columns.size() < 2) return;
      size_t at = static_cast<size_t>(r.below(static_cast<int>(t.columns.size())));
      std::string gone = t.columns[at].name;
      if (gone == "id") return;
      forget_column(s, t, gone);
      t.columns.erase(t.columns.begin() + static_cast<std::ptrdiff_t>(at));
      return;
    }
    case 4: {  // change a type within the castable ones
      model::Column& c = t.columns[static_cast<size_t>(r.below(static_cast<int>(t.columns.size())))];
      if (c.name == "id" || c.name.starts_with("ref_") ||
          std::find(kCastable.begin(), kCastable.end(), c.type) == kCastable.end())
        return;
      c.type = r.pick(kCastable);
      c.default_expr = random_default(r, c.type);
      if (!is_number(c.type))
        std::erase_if(t.checks, [&](const auto& kv) { return kv.second.expression.find(c.name + " ") == 0; });
      ns(s).views.clear();
      return;
    }
    case 5: {
      model::Column& c = t.columns.back();
      if (c.name != "id") c.nullable = !c.nullable;
      return;
    }
    case 6: {
      model::Column& c = t.columns.back();
      if (c.name != "id" && !c.name.starts_with("ref_")) c.default_expr = random_default(r, c.type);
      return;
    }
    case 7: return add_random_key(r, t);
    case 8:
      if (!t.indexes.empty()) t.indexes.erase(t.indexes.begin());
      else if (!t.uniques.empty()) t.uniques.erase(t.uniques.begin());
      else t.checks.clear();
      return;
    case 9: {  // rename a column
      model::Column& c = t.columns.back();
      if (c.name == "id" || c.name.starts_with("ref_")) return;
      std::string old = c.name;
      std::string to = fresh_name(r, "r", [&](const std::string& x) { return t.find_column(x) != nullptr; });
      forget_column(s, t, old);
      c.name = to;
      c.renamed_from = old;
      return;
    }
    case 10: return mutate_enum(r, n);
    case 12: {  // rename a table; what refers to it follows
      std::string old = t.name;
      std::string to = fresh_name(r, "t", [&](const std::string& x) { return n.tables.count(x) > 0; });
      model::Table moved = t;
      n.tables.erase(old);
      moved.name = to;
      moved.renamed_from = old;
      if (moved.primary_key) moved.primary_key->name = model::primary_key_name(to);
      for (auto& [_, other] : n.tables)
        for (auto& [_, fk] : other.foreign_keys)
          if (fk.ref_table.name == old) fk.ref_table.name = to;
      for (auto& [_, fk] : moved.foreign_keys)
        if (fk.ref_table.name == old) fk.ref_table.name = to;
      n.tables[to] = moved;
      n.views.clear();
      return;
    }
    case 13: {  // a foreign key back to this table from another (may close a cycle)
      if (tables.size() < 2) return;
      model::Table& other = n.tables[r.pick(tables)];
      if (other.name == t.name) return;
      std::string col = "ref_" + other.name;
      if (t.find_column(col)) return;
      model::Column c;
      c.name = col;
      c.type = "bigint";
      t.columns.push_back(c);
      std::string fk_name = model::foreign_key_name(t.name, {col});
      model::ForeignKey fk;
      fk.name = fk_name;
      fk.columns = {col};
      fk.ref_table = {"public", other.name};
      fk.ref_columns = {"id"};
      t.foreign_keys[fk_name] = fk;
      return;
    }
    case 11:
      t.comment = t.comment ? std::nullopt : std::optional<std::string>("now with a comment");
      return;
    default: {
      if (n.views.empty())
        n.views["v"] = {"v", view_query(t), false, {}, std::nullopt};
      else
        n.views.clear();
      return;
    }
  }
}

}  // namespace

std::pair<model::Schema, model::Schema> random_pair(std::uint64_t seed) {
  Rng r(seed);
  model::Schema a;
  ns(a);
  if (r.chance(40)) ns(a).enums["mood"] = {"mood", {"calm", "happy", "sad"}, std::nullopt, std::nullopt, {}};
  int tables = 1 + r.below(3);
  for (int i = 0; i < tables; ++i) add_random_table(r, a);
  // Half the schemas with the enum get a column of it with an expression
  // holding one of its values, and half of those a view reading it; half of
  // their B change the labels.
  bool enum_focus = ns(a).enums.count("mood") && r.chance(50);
  if (enum_focus) {
    model::Table& t = ns(a).tables.begin()->second;
    model::Column c = random_column(r, fresh_name(r, "e", [&](const std::string& x) { return t.find_column(x) != nullptr; }), false);
    c.type = kEnum;
    c.default_expr = r.chance(50) ? std::optional<std::string>("'calm'") : std::nullopt;
    t.columns.push_back(c);
    add_enum_key(r, t, c);
  }
  if (r.chance(enum_focus ? 50 : 30))
    ns(a).views["v"] = {"v", view_query(ns(a).tables.begin()->second), false, {}, std::nullopt};
  model::Schema b = a;
  if (enum_focus && r.chance(50)) mutate_enum(r, ns(b));
  int edits = 1 + r.below(4);
  for (int i = 0; i < edits; ++i) mutate(r, b);
  // Enum columns need the type: keep it when any column uses it.
  for (auto* s : {&a, &b}) {
    bool used = false;
    for (const auto& [_, t] : ns(*s).tables)
      for (const auto& c : t.columns) used = used || c.type == kEnum;
    if (used && !ns(*s).enums.count("mood")) ns(*s).enums["mood"] = {"mood", {"calm"}, std::nullopt, std::nullopt, {}};
  }
  return {a, b};
}

std::vector<std::pair<model::Schema, model::Schema>> shrink_candidates(const model::Schema& a,
                                                                       const model::Schema& b) {
  std::vector<std::pair<model::Schema, model::Schema>> out;
  auto drop_views = [](model::Schema s) {
    ns(s).views.clear();
    return s;
  };
  if (!a.namespaces.at("public").views.empty() || !b.namespaces.at("public").views.empty())
    out.push_back({drop_views(a), drop_views(b)});
  std::set<std::string> tables;
  for (const auto* s : {&a, &b})
    for (const auto& [tn, _] : s->namespaces.at("public").tables) tables.insert(tn);
  for (const auto& tn : tables) {
    auto without = [&](model::Schema s) {
      auto& n = ns(s);
      n.tables.erase(tn);
      for (auto& [_, other] : n.tables)
        std::erase_if(other.foreign_keys, [&](const auto& kv) { return kv.second.ref_table.name == tn; });
      n.views.clear();
      return s;
    };
    out.push_back({without(a), without(b)});
  }
  for (const auto& tn : tables) {
    const model::Table* ta = a.find_table({"public", tn});
    if (!ta) continue;
    for (const auto& c : ta->columns) {
      if (c.name == "id") continue;
      auto without = [&](model::Schema s) {
        auto it = ns(s).tables.find(tn);
        if (it == ns(s).tables.end()) return s;
        model::Table& t = it->second;
        std::string name = c.name;
        for (const auto& x : t.columns)
          if (x.renamed_from == c.name) name = x.name;
        if (!t.find_column(name)) return s;
        forget_column(s, t, name);
        std::erase_if(t.columns, [&](const auto& x) { return x.name == name; });
        return s;
      };
      out.push_back({without(a), without(b)});
    }
  }
  return out;
}

}  // namespace strata::golden
