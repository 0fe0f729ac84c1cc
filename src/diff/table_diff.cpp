// The comparison of one table that exists on both sides: columns, keys,
// indexes, foreign keys and comments.
#include <algorithm>
#include <cctype>

#include "diff/planner.h"
#include "model/inheritance.h"
#include "model/default_names.h"
#include "model/type_name.h"
#include "sql/quote.h"

namespace strata::diff {
namespace {

template <typename T>
T without_hint(T x) {
  x.renamed_from.reset();
  return x;
}

// without_hint(a) == without_hint(b), copying only when a side has a hint
// (a catalog side never has one, a model rarely).
template <typename T>
bool equal_but_hints(const T& a, const T& b) {
  if (!a.renamed_from && !b.renamed_from) return a == b;
  return without_hint(a) == without_hint(b);
}

const std::set<std::string> kNoColumns;

// The columns of `table` in `m`, or none.
const std::set<std::string>& columns_of(const std::map<QualifiedName, std::set<std::string>>& m,
                                        const QualifiedName& table) {
  auto it = m.find(table);
  return it == m.end() ? kNoColumns : it->second;
}

bool touches(const std::vector<std::string>& columns, const std::set<std::string>& changed) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const auto& c) { return changed.count(c) > 0; });
}

bool expression_touches(const std::optional<std::string>& expr,
                        const std::set<std::string>& changed) {
  if (!expr) return false;
  return std::any_of(changed.begin(), changed.end(),
                     [&](const auto& c) { return mentions_column(*expr, c); });
}

bool index_touches(const model::Index& ix, const std::set<std::string>& changed) {
  if (touches(ix.include, changed) || expression_touches(ix.where, changed)) return true;
  for (const auto& k : ix.keys)
    if (changed.count(k.column) || expression_touches(k.expression, changed)) return true;
  return false;
}

bool index_expressions_touch(const model::Index& ix, const std::set<std::string>& changed) {
  if (expression_touches(ix.where, changed)) return true;
  for (const auto& k : ix.keys)
    if (expression_touches(k.expression, changed)) return true;
  return false;
}

bool exclusion_touches(const model::ExclusionConstraint& x, const std::set<std::string>& changed) {
  if (touches(x.include, changed) || expression_touches(x.where, changed)) return true;
  for (const auto& el : x.elements) {
    bool bare_column = !el.expression.starts_with('(');
    if (bare_column ? changed.count(el.expression) > 0 : expression_touches(el.expression, changed))
      return true;
  }
  return false;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

namespace {

// Splits an expression into identifier tokens and the text between them,
// calling `on_ident(name, quoted, text)` for each identifier and `on_text`
// for everything else (string literals included, untouched).
template <typename Ident, typename Text>
void scan_identifiers(const std::string& e, Ident on_ident, Text on_text) {
  size_t i = 0;
  while (i < e.size()) {
    char ch = e[i];
    size_t start = i;
    if (ch == '\'') {
      for (++i; i < e.size(); ++i) {
        if (e[i] == '\'' && i + 1 < e.size() && e[i + 1] == '\'') {
          ++i;
        } else if (e[i] == '\'') {
          break;
        }
      }
      i = std::min(i + 1, e.size());
      on_text(e.substr(start, i - start));
    } else if (ch == '"') {
      std::string ident;
      for (++i; i < e.size(); ++i) {
        if (e[i] == '"' && i + 1 < e.size() && e[i + 1] == '"') {
          ident += '"';
          ++i;
        } else if (e[i] == '"') {
          break;
        } else {
          ident += e[i];
        }
      }
      i = std::min(i + 1, e.size());
      on_ident(ident, e.substr(start, i - start));
    } else if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
      std::string ident;
      while (i < e.size() && (std::isalnum(static_cast<unsigned char>(e[i])) || e[i] == '_' || e[i] == '$'))
        ident += static_cast<char>(std::tolower(static_cast<unsigned char>(e[i++])));
      on_ident(ident, e.substr(start, i - start));
    } else {
      ++i;
      on_text(e.substr(start, 1));
    }
  }
}

}  // namespace

bool mentions_column(const std::string& expression, const std::string& column) {
  bool found = false;
  scan_identifiers(
      expression, [&](const std::string& ident, const std::string&) { found = found || ident == column; },
      [](const std::string&) {});
  return found;
}

std::string rename_identifier(const std::string& expression, const std::string& from,
                              const std::string& to) {
  std::string out;
  scan_identifiers(
      expression,
      [&](const std::string& ident, const std::string& text) {
        out += ident == from ? sql::quote_ident(to) : text;
      },
      [&](const std::string& text) { out += text; });
  return out;
}

bool Planner::same_default(const QualifiedName& table, const model::Column& a,
                           const model::Column& b, const std::vector<model::Column>& columns) {
  if (!a.default_expr || !b.default_expr) return a.default_expr == b.default_expr;
  return judge_.same({ExpressionQuestion::Kind::kDefault, table, columns, b.name, *a.default_expr,
                      *b.default_expr});
}

bool Planner::same_generated(const QualifiedName& table, const model::Column& a,
                             const model::Column& b, const std::vector<model::Column>& columns) {
  if (!a.generated || !b.generated) return a.generated == b.generated;
  return judge_.same({ExpressionQuestion::Kind::kGenerated, table, columns, b.name, *a.generated,
                      *b.generated});
}

bool Planner::same_check(const QualifiedName& table, const model::CheckConstraint& a,
                         const model::CheckConstraint& b,
                         const std::vector<model::Column>& columns) {
  if (a.no_inherit != b.no_inherit) return false;
  return judge_.same(
      {ExpressionQuestion::Kind::kCheck, table, columns, "", a.expression, b.expression});
}

bool Planner::same_index(const QualifiedName& table, const model::Index& a, const model::Index& b,
                         const std::vector<model::Column>& columns) {
  // Spelled alike (most indexes of a no-op plan): compared where they are.
  bool spelled_alike = a.keys.size() == b.keys.size() && a.where == b.where && a.comment == b.comment;
  for (size_t i = 0; spelled_alike && i < a.keys.size(); ++i)
    spelled_alike = a.keys[i].expression == b.keys[i].expression;
  if (spelled_alike) return equal_but_hints(a, b);
  model::Index x = without_hint(a), y = without_hint(b);
  x.comment.reset();
  y.comment.reset();
  if (x.keys.size() != y.keys.size()) return false;
  for (size_t i = 0; i < x.keys.size(); ++i) {
    auto& kx = x.keys[i];
    auto& ky = y.keys[i];
    if (kx.expression && ky.expression && *kx.expression != *ky.expression &&
        judge_.same({ExpressionQuestion::Kind::kIndexExpression, table, columns, "",
                     *kx.expression, *ky.expression}))
      ky.expression = kx.expression;
  }
  if (x.where && y.where && *x.where != *y.where &&
      judge_.same({ExpressionQuestion::Kind::kIndexPredicate, table, columns, "", *x.where,
                   *y.where}))
    y.where = x.where;
  return x == y;
}

bool Planner::same_exclusion(const QualifiedName& table, const model::ExclusionConstraint& a,
                             const model::ExclusionConstraint& b,
                             const std::vector<model::Column>& columns) {
  if (a.elements == b.elements && a.where == b.where) return equal_but_hints(a, b);
  model::ExclusionConstraint x = without_hint(a), y = without_hint(b);
  if (x.elements.size() != y.elements.size()) return false;
  for (size_t i = 0; i < x.elements.size(); ++i) {
    auto& ex = x.elements[i];
    auto& ey = y.elements[i];
    if (ex.expression != ey.expression &&
        judge_.same({ExpressionQuestion::Kind::kIndexExpression, table, columns, "",
                     ex.expression, ey.expression}))
      ey.expression = ex.expression;
  }
  if (x.where && y.where && *x.where != *y.where &&
      judge_.same({ExpressionQuestion::Kind::kIndexPredicate, table, columns, "", *x.where,
                   *y.where}))
    y.where = x.where;
  return x == y;
}

void Planner::note_dropped_key(const QualifiedName& table, std::vector<std::string> columns) {
  dropped_keys_.insert({table, sorted(std::move(columns))});
}

void Planner::diff_table(const QualifiedName& name, const model::Table& cur,
                         const model::Table& want) {
  std::set<std::string> recreated;
  bool own_columns = !cur.partition_of || !want.partition_of;
  if (own_columns) sequence_persistence_before(name, cur, want);
  if (cur.unlogged != want.unlogged) add(kColumns, SetLogged{name, !want.unlogged});
  diff_table_properties(name, cur, want);
  diff_inheritance(name, cur, want);
  // Two partitions carry their parents' columns (partition_sides), which
  // change on the parents.
  if (own_columns) {
    diff_columns(name, cur, want, recreated);
    sequence_persistence_after(name, cur, want);
  }
  diff_keys(name, cur, want, recreated);
  if (!recreated.empty()) recreated_columns_[name] = std::move(recreated);
  if (cur.comment != want.comment)
    add(kComments, SetComment{CommentTarget::kTable, name, "", cur.comment, want.comment});
}

void Planner::diff_columns(const QualifiedName& name, const model::Table& cur,
                           const model::Table& want, std::set<std::string>& recreated) {
  std::vector<Change> drops;
  for (const auto& w : want.columns) {
    const model::Column* c = cur.find_column(w.name);
    // The desired column as a change carries it: copied for a change only.
    auto to = [&w] { return without_hint(w); };
    if (!c) {
      add(kColumns, AddColumn{name, to()});
      continue;
    }
    bool drop_expression = c->generated && !w.generated;
    if (!drop_expression && !same_generated(name, *c, w, want.columns)) {
      add(kColumns, RecreateColumn{name, *c, to()});
      recreated.insert(w.name);
      disturb(name, c->name);
      continue;
    }
    ColumnDelta delta;
    delta.type = c->type != w.type || c->collation != w.collation;
    delta.default_expr = !same_default(name, *c, w, want.columns);
    delta.nullable = c->nullable != w.nullable;
    delta.identity = c->identity != w.identity;
    delta.drop_expression = drop_expression;
    if (model::is_serial_type(c->type) != model::is_serial_type(w.type)) {
      const std::string& serial = model::is_serial_type(c->type) ? c->name : w.name;
      delta.keep_sequence =
          kept_sequences_.count({name.schema, model::sequence_name(name.name, serial)}) > 0;
    }
    if (delta.any()) {
      if (delta.type && model::serial_base_type(c->type) != model::serial_base_type(w.type)) {
        disturb(name, c->name);
        retyped_columns_[name].insert(w.name);
      }
      add(kColumns, AlterColumn{name, *c, to(), delta});
    }
    if (c->comment != w.comment)
      add(kComments, SetComment{CommentTarget::kColumn, name, w.name, c->comment, w.comment});
    if (c->statistics != w.statistics || c->storage != w.storage || c->compression != w.compression)
      diff_column_storage(name, *c, to());
  }
  for (const auto& c : cur.columns) {
    if (want.find_column(c.name)) continue;
    drops.push_back(DropColumn{name, c});
    disturb(name, c.name);
  }
  // A parent's column goes from its children with it, before one of them
  // may add a column of its own by that name.
  Phase drop_phase = drops.empty() || !has_children(name) ? kColumns : kParentColumnDrops;
  for (auto& d : drops) add(drop_phase, std::move(d));
}

void Planner::diff_keys(const QualifiedName& name, const model::Table& cur,
                        const model::Table& want, const std::set<std::string>& recreated) {
  // The server re-parses expressions on a column whose type changes (a check
  // "n > 0" becomes "n > 0::numeric" and stays so when the type comes back):
  // expressions on such columns are dropped before and added after.
  const std::set<std::string>& retyped = columns_of(retyped_columns_, name);
  std::set<std::string> recreated_or_retyped;
  if (!retyped.empty()) {
    recreated_or_retyped = recreated;
    recreated_or_retyped.insert(retyped.begin(), retyped.end());
  }
  const std::set<std::string>& in_expressions = retyped.empty() ? recreated : recreated_or_retyped;
  // Expressions of an inheritance child may name the columns it inherits.
  std::vector<model::Column> with_inherited;
  if (!want.inherits.empty()) with_inherited = model::all_columns(want_, want);
  const std::vector<model::Column>& columns = want.inherits.empty() ? want.columns : with_inherited;
  // Primary key.
  {
    const auto& a = cur.primary_key;
    const auto& b = want.primary_key;
    bool same = a && b && equal_but_hints(*a, *b) && !touches(a->columns, recreated);
    if (!same && a) {
      add(kKeyDrops, DropConstraint{name, *a});
      note_dropped_key(name, a->columns);
    }
    if (!same && b) add(kKeyAdds, AddConstraint{name, without_hint(*b)});
  }
  for (const auto& [uname, u] : cur.uniques) {
    auto it = want.uniques.find(uname);
    bool same = it != want.uniques.end() && !u.renamed_from && equal_but_hints(u, it->second) &&
                !touches(u.columns, recreated);
    if (same) continue;
    add(kKeyDrops, DropConstraint{name, u});
    note_dropped_key(name, u.columns);
    if (it != want.uniques.end()) add(kKeyAdds, AddConstraint{name, without_hint(it->second)});
  }
  for (const auto& [uname, u] : want.uniques)
    if (!cur.uniques.count(uname)) add(kKeyAdds, AddConstraint{name, without_hint(u)});

  for (const auto& [cname, c] : cur.checks) {
    auto it = want.checks.find(cname);
    bool same = it != want.checks.end() && same_check(name, c, it->second, columns) &&
                !expression_touches(c.expression, in_expressions);
    if (same) {
      diff_validity(name, c, without_hint(it->second));
      continue;
    }
    add(kKeyDrops, DropConstraint{name, c});
    if (it != want.checks.end()) add(kKeyAdds, AddConstraint{name, without_hint(it->second)});
  }
  for (const auto& [cname, c] : want.checks)
    if (!cur.checks.count(cname)) add(kKeyAdds, AddConstraint{name, without_hint(c)});

  for (const auto& [xname, x] : cur.exclusions) {
    auto it = want.exclusions.find(xname);
    bool same = it != want.exclusions.end() &&
                same_exclusion(name, x, it->second, columns) &&
                !exclusion_touches(x, in_expressions);
    if (same) continue;
    add(kKeyDrops, DropConstraint{name, x});
    if (it != want.exclusions.end()) add(kKeyAdds, AddConstraint{name, without_hint(it->second)});
  }
  for (const auto& [xname, x] : want.exclusions)
    if (!cur.exclusions.count(xname)) add(kKeyAdds, AddConstraint{name, without_hint(x)});

  for (const auto& [iname, ix] : cur.indexes) {
    auto it = want.indexes.find(iname);
    bool same = it != want.indexes.end() && !ix.invalid &&
                same_index(name, ix, it->second, columns) && !index_touches(ix, recreated) && !index_expressions_touch(ix, in_expressions);
    if (same) {
      if (ix.comment != it->second.comment)
        add(kComments, SetComment{CommentTarget::kIndex, {name.schema, iname}, "", ix.comment,
                                  it->second.comment});
      continue;
    }
    add(kKeyDrops, DropIndex{name, ix});
    if (ix.unique && std::all_of(ix.keys.begin(), ix.keys.end(),
                                 [](const auto& k) { return !k.column.empty(); })) {
      std::vector<std::string> cols;
      for (const auto& k : ix.keys) cols.push_back(k.column);
      note_dropped_key(name, cols);
    }
    if (it != want.indexes.end()) add(kKeyAdds, CreateIndex{name, without_hint(it->second)});
  }
  for (const auto& [iname, ix] : want.indexes)
    if (!cur.indexes.count(iname)) add(kKeyAdds, CreateIndex{name, without_hint(ix)});
}

void Planner::diff_foreign_keys(const QualifiedName& name, const model::Table& cur,
                                const model::Table& want) {
  const auto& recreated = columns_of(recreated_columns_, name);
  for (const auto& [fname, fk] : cur.foreign_keys) {
    auto it = want.foreign_keys.find(fname);
    bool rests_on_dropped_key =
        !dropped_keys_.empty() && dropped_keys_.count({fk.ref_table, sorted(fk.ref_columns)}) > 0;
    const auto& ref_recreated = columns_of(recreated_columns_, fk.ref_table);
    // Equal but for NOT VALID (and the desired side's hint).
    // (A structured binding is not captured by a lambda before C++20's fix.)
    auto same_but_validity = [&have = fk](const model::ForeignKey& w) {
      if (!have.renamed_from && !w.renamed_from && have.not_valid == w.not_valid) return have == w;
      model::ForeignKey validity_aside = have;
      validity_aside.not_valid = w.not_valid;
      return without_hint(w) == validity_aside;
    };
    bool same = it != want.foreign_keys.end() && same_but_validity(it->second) &&
                !touches(fk.columns, recreated) && !touches(fk.ref_columns, ref_recreated) &&
                !rests_on_dropped_key;
    if (same) {
      diff_validity(name, fk, without_hint(it->second));
      continue;
    }
    add(kForeignKeyDrops, DropConstraint{name, fk});
    if (it != want.foreign_keys.end())
      add(kForeignKeyAdds, AddConstraint{name, without_hint(it->second)});
  }
  for (const auto& [fname, fk] : want.foreign_keys)
    if (!cur.foreign_keys.count(fname)) add(kForeignKeyAdds, AddConstraint{name, without_hint(fk)});
}

}  // namespace strata::diff
