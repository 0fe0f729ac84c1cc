#include "precheck/precheck.h"

#include <algorithm>
#include <map>
#include <set>

#include "codegen/statement_writer.h"
#include "core/error.h"
#include "model/column_reference.h"
#include "model/type_name.h"
#include "precheck/cast_check.h"
#include "sql/quote.h"
#include "sql/text.h"

namespace strata::precheck {
namespace {

using diff::QualifiedName;
using revision::Precheck;

const std::string kRow = "r";  // the alias of the checked table

std::string col(const std::string& name) { return kRow + "." + sql::quote_ident(name); }

// What the plan did so far, to read the database as it was before it.
struct History {
  std::map<QualifiedName, QualifiedName> table_before;  // name now -> name before the plan
  std::set<QualifiedName> created;                      // tables (by name now) the plan creates
  // (table before, column now) -> column before
  std::map<std::pair<QualifiedName, std::string>, std::string> column_before;
  // (table before, column) the plan added or retyped: not readable as the
  // later changes mean it
  std::set<std::pair<QualifiedName, std::string>> reshaped;

  QualifiedName table(const QualifiedName& now) const {
    auto it = table_before.find(now);
    return it == table_before.end() ? now : it->second;
  }
  std::string column(const QualifiedName& before, const std::string& now) const {
    auto it = column_before.find({before, now});
    return it == column_before.end() ? now : it->second;
  }
  bool is_reshaped(const QualifiedName& before, const std::string& column_now) const {
    return reshaped.count({before, column_now}) > 0;
  }
};

class Builder {
 public:
  Builder(const model::Schema& current, const model::Schema& desired)
      : current_(current), desired_(desired) {}

  void add(const diff::Change& change) {
    std::visit([&](const auto& c) { on(c); }, change);
  }
  std::vector<Precheck> result() { return std::move(out_); }

 private:
  // The key of a row of `table` (its name before the plan) as SQL text,
  // followed by `shown` columns' values: "(id)=(42) (email)=(a@b)".
  std::string sample(const QualifiedName& table, const std::vector<std::string>& shown) const {
    std::vector<std::string> parts;
    const model::Table* t = current_.find_table(table);
    std::vector<std::string> key;
    if (t && t->primary_key) key = t->primary_key->columns;
    auto add_group = [&](const std::vector<std::string>& cols, bool cut) {
      std::vector<std::string> names;
      for (const auto& c : cols) names.push_back(sql::quote_ident(c));
      parts.push_back(sql::quote_literal("(" + sql::join(names) + ")=("));
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (i) parts.push_back("', '");
        parts.push_back(cut ? "left(" + col(cols[i]) + "::text, 40)" : col(cols[i]));
      }
      parts.push_back("')'");
    };
    if (key.empty()) {
      parts.push_back("'ctid '");
      parts.push_back(kRow + ".ctid");
    } else {
      add_group(key, false);
    }
    if (!shown.empty() && shown != key) {
      parts.push_back("' '");
      add_group(shown, true);
    }
    return "concat(" + sql::join(parts) + ")";
  }

  std::string order(const QualifiedName& table) const {
    const model::Table* t = current_.find_table(table);
    if (!t || !t->primary_key) return kRow + ".ctid";
    std::vector<std::string> cols;
    for (const auto& c : t->primary_key->columns) cols.push_back(col(c));
    return sql::join(cols);
  }

  // SELECT <key> FROM table AS r WHERE cond ORDER BY <key columns>
  std::string query(const QualifiedName& table, const std::vector<std::string>& shown,
                    const std::string& condition) const {
    std::string q = "SELECT " + sample(table, shown) + "\nFROM " + codegen::qualified(table) + " AS " + kRow;
    if (!condition.empty()) q += "\nWHERE " + condition;
    return q + "\nORDER BY " + order(table);
  }

  void check(const std::string& kind, const std::string& description, const std::string& sql) {
    // A name holding a carriage return or another control character cannot
    // be kept on the header's lines as it is.
    for (char ch : sql)
      if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
        return note(description + " (not checked: a name holds a control character)");
    out_.push_back({kind, description, sql});
  }
  void note(const std::string& description) { out_.push_back({"unchecked", description, ""}); }

  // Columns of `table` (before) for `now` names; false when one was added or
  // retyped by the plan (so the query could not run before it).
  bool columns_before(const QualifiedName& table, const std::vector<std::string>& now,
                      std::vector<std::string>& before) const {
    before.clear();
    for (const auto& c : now) {
      if (history_.is_reshaped(table, c)) return false;
      before.push_back(history_.column(table, c));
    }
    return true;
  }

  std::string path(const QualifiedName& t, const std::string& c) const { return t.str() + "." + c; }

  std::optional<std::vector<std::string>> enum_labels(const std::string& type) const {
    for (const auto& [schema, ns] : desired_.namespaces)
      for (const auto& [name, e] : ns.enums)
        if (model::qualify_user_type(schema, name, false) == type) return e.labels;
    return std::nullopt;
  }

  // --- the changes ---------------------------------------------------------

  template <typename T>
  void on(const T&) {}

  void on(const diff::CreateTable& c) { history_.created.insert(c.name); }
  void on(const diff::RenameTable& c) {
    QualifiedName before = history_.table(c.from);
    QualifiedName now{c.from.schema, c.to};
    history_.table_before.erase(c.from);
    history_.table_before[now] = before;
    if (history_.created.erase(c.from)) history_.created.insert(now);
  }
  void on(const diff::RenameColumn& c) {
    if (history_.created.count(c.table)) return;
    QualifiedName t = history_.table(c.table);
    std::string before = history_.column(t, c.from);
    history_.column_before.erase({t, c.from});
    history_.column_before[{t, c.to}] = before;
    if (history_.reshaped.erase({t, c.from})) history_.reshaped.insert({t, c.to});
  }
  void on(const diff::AddColumn& c) {
    if (history_.created.count(c.table)) return;
    QualifiedName t = history_.table(c.table);
    const model::Column& column = c.column;
    if (!column.nullable && !column.default_expr && !column.identity && !column.generated &&
        !model::is_serial_type(column.type))
      check("has-rows",
            "adds NOT NULL column " + path(c.table, column.name) + " without a default: every row of " +
                t.str() + " fails",
            query(t, {}, ""));
    history_.reshaped.insert({t, column.name});
  }
  void on(const diff::RecreateColumn& c) {
    if (history_.created.count(c.table)) return;
    history_.reshaped.insert({history_.table(c.table), c.to.name});
  }
  void on(const diff::AlterColumn& c) {
    if (history_.created.count(c.table)) return;
    QualifiedName t = history_.table(c.table);
    std::string where = path(c.table, c.to.name);
    bool readable = !history_.is_reshaped(t, c.to.name);
    std::string before = history_.column(t, c.to.name);
    std::string from = model::serial_base_type(c.from.type);
    std::string to = model::serial_base_type(c.to.type);
    if (c.delta.type && from != to) {
      if (c.to.using_expr) {
        note(where + " changes type from " + from + " to " + to + " with using: " +
             sql::visible(*c.to.using_expr) +
             "; whether that conversion succeeds on every row cannot be checked without running it");
      } else if (!readable) {
        note(where + " changes type from " + from + " to " + to +
             " after an earlier change of this revision; not checked");
      } else {
        bool checkable = true;
        auto cast = cast_check(col(before), from, to, enum_labels(to), checkable);
        if (cast)
          check(cast->kind, where + " changes type from " + from + " to " + to + ": rows with " + cast->what,
                query(t, {before}, col(before) + " IS NOT NULL AND (" + cast->condition + ")"));
        else if (!checkable)
          note(where + " changes type from " + from + " to " + to +
               ": no cheap per-row test exists for this cast; it fails on the first value it cannot convert");
      }
    }
    if (c.delta.nullable && c.from.nullable && !c.to.nullable) {
      if (readable)
        check("not-null", where + " gets NOT NULL: rows where it is NULL",
              query(t, {}, col(before) + " IS NULL"));
      else
        note(where + " gets NOT NULL after an earlier change of this revision; not checked");
    }
    if (c.delta.type) history_.reshaped.insert({t, c.to.name});
  }
  // A column of an enum whose labels change reads differently after the
  // change: an expression naming a new label cannot run before it.
  void mark_enum_uses(const std::vector<diff::EnumUse>& uses) {
    for (const auto& u : uses)
      if (!history_.created.count(u.table)) history_.reshaped.insert({history_.table(u.table), u.column});
  }
  void on(const diff::AddEnumLabel& c) { mark_enum_uses(c.uses); }
  void on(const diff::RecreateEnum& c) {
    check_lost_labels(c);
    mark_enum_uses(c.uses);
  }
  void check_lost_labels(const diff::RecreateEnum& c) {
    std::vector<std::string> lost;
    for (const auto& l : c.from_labels)
      if (std::find(c.to_labels.begin(), c.to_labels.end(), l) == c.to_labels.end()) lost.push_back(l);
    if (lost.empty()) return;
    std::vector<std::string> literals;
    for (const auto& l : lost) literals.push_back(sql::quote_literal(l));
    for (const auto& u : c.uses) {
      if (history_.created.count(u.table)) continue;
      QualifiedName t = history_.table(u.table);
      std::string where = path(u.table, u.column);
      if (history_.is_reshaped(t, u.column)) {
        note(where + " loses label(s) " + sql::join(lost) + " of " + c.type.str() + "; not checked");
        continue;
      }
      std::string before = history_.column(t, u.column);
      std::string cond = u.array ? col(before) + "::text[] && ARRAY[" + sql::join(literals) + "]::text[]"
                                 : col(before) + "::text IN (" + sql::join(literals) + ")";
      check("enum-label",
            where + " loses label(s) " + sql::join(lost) + " of " + c.type.str() + ": rows holding them",
            query(t, {before}, cond));
    }
  }
  void on(const diff::AddConstraint& c) {
    if (history_.created.count(c.table)) return;
    // Added NOT VALID, a check or foreign key is not checked against the
    // rows already there.
    if (auto* k = std::get_if<model::CheckConstraint>(&c.constraint); k && k->not_valid) return;
    if (auto* k = std::get_if<model::ForeignKey>(&c.constraint); k && k->not_valid) return;
    QualifiedName t = history_.table(c.table);
    std::visit([&](const auto& k) { constraint(c.table, t, k); }, c.constraint);
  }
  // VALIDATE CONSTRAINT fails on the rows an ADD would have failed on.
  void on(const diff::ValidateConstraint& c) {
    QualifiedName t = history_.table(c.table);
    std::visit([&](const auto& k) { constraint(c.table, t, k); }, c.constraint);
  }

  void constraint(const QualifiedName& now, const QualifiedName& t, const model::PrimaryKey& k) {
    std::vector<std::string> cols;
    std::string what = "primary key " + k.name + " on " + now.str() + " (" + sql::join(k.columns) + ")";
    if (!columns_before(t, k.columns, cols))
      return note(what + " is added over a column this revision adds or retypes; not checked");
    std::string cond;
    for (const auto& c : cols) cond += col(c) + " IS NULL OR ";
    check("primary-key", what + ": rows with a NULL or a duplicate key",
          query(t, cols, cond + duplicates(t, cols, false)));
  }
  void constraint(const QualifiedName& now, const QualifiedName& t, const model::UniqueConstraint& k) {
    std::vector<std::string> cols;
    std::string what = "unique " + k.name + " on " + now.str() + " (" + sql::join(k.columns) + ")";
    if (!columns_before(t, k.columns, cols))
      return note(what + " is added over a column this revision adds or retypes; not checked");
    check("unique", what + ": rows sharing their values with another row",
          query(t, cols, duplicates(t, cols, k.nulls_not_distinct)));
  }
  void constraint(const QualifiedName& now, const QualifiedName& t, const model::CheckConstraint& k) {
    std::string what = "check " + k.name + " on " + now.str();
    for (const auto& ref : model::column_references(k.expression))
      if (history_.is_reshaped(t, ref.column) || history_.column(t, ref.column) != ref.column)
        return note(what + " reads column " + ref.column + ", which this revision renames, adds or retypes; not checked");
    std::string expr;
    try {
      expr = codegen::expression_sql(k.expression, "check");
    } catch (const Error&) {
      return note(what + ": its expression cannot be checked on its own; not checked");
    }
    // A check passes on NULL: only rows where it is false fail.
    check("check", what + ": rows for which (" + sql::visible(k.expression) + ") is false",
          query(t, {}, "NOT (" + expr + ")"));
  }
  void constraint(const QualifiedName& now, const QualifiedName& t, const model::ForeignKey& k) {
    std::vector<std::string> cols;
    std::string what = "foreign key " + k.name + " on " + now.str() + " (" + sql::join(k.columns) +
                       ") -> " + k.ref_table.str() + " (" + sql::join(k.ref_columns) + ")";
    if (!columns_before(t, k.columns, cols))
      return note(what + " is added over a column this revision adds or retypes; not checked");
    bool parent_new = history_.created.count(k.ref_table) > 0;
    QualifiedName parent = history_.table(k.ref_table);
    std::vector<std::string> ref_cols;
    if (!parent_new && !columns_before(parent, k.ref_columns, ref_cols))
      return note(what + " references a column this revision adds or retypes; not checked");
    std::vector<std::string> all_set, any_null, all_null, match;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      all_set.push_back(col(cols[i]) + " IS NOT NULL");
      any_null.push_back(col(cols[i]) + " IS NULL");
      if (!parent_new) match.push_back("p." + sql::quote_ident(ref_cols[i]) + " = " + col(cols[i]));
    }
    std::string missing = parent_new ? ""
                                     : "NOT EXISTS (SELECT 1 FROM " + codegen::qualified(parent) +
                                           " AS p WHERE " + sql::join(match, " AND ") + ")";
    std::string cond;
    if (k.match == model::MatchType::kFull)
      cond = "NOT (" + sql::join(any_null, " AND ") + ")" +
             (parent_new ? "" : " AND (" + sql::join(any_null, " OR ") + " OR " + missing + ")");
    else
      cond = sql::join(all_set, " AND ") + (parent_new ? "" : " AND " + missing);
    check("foreign-key",
          what + (parent_new ? ": rows with a reference (the referenced table is created empty)"
                             : ": rows whose reference has no referenced row"),
          query(t, cols, cond));
  }
  void constraint(const QualifiedName& now, const QualifiedName&, const model::ExclusionConstraint& k) {
    note("exclusion constraint " + k.name + " on " + now.str() +
         ": fails on conflicting rows; no cheap per-row test exists, not checked");
  }

  // The rows whose `cols` values another row also has.
  std::string duplicates(const QualifiedName& t, const std::vector<std::string>& cols,
                         bool nulls_not_distinct) const {
    std::vector<std::string> group, match;
    for (const auto& c : cols) {
      group.push_back("g." + sql::quote_ident(c));
      match.push_back("d." + sql::quote_ident(c) + (nulls_not_distinct ? " IS NOT DISTINCT FROM " : " = ") +
                      col(c));
    }
    return "EXISTS (SELECT 1 FROM (SELECT " + sql::join(group) + " FROM " + codegen::qualified(t) +
           " AS g GROUP BY " + sql::join(group) + " HAVING count(*) > 1) AS d WHERE " +
           sql::join(match, " AND ") + ")";
  }

  const model::Schema& current_;
  const model::Schema& desired_;
  History history_;
  std::vector<Precheck> out_;
};

}  // namespace

std::vector<revision::Precheck> prechecks_for(const diff::Plan& plan, const model::Schema& current,
                                              const model::Schema& desired) {
  Builder b(current, desired);
  for (const auto& step : plan.steps) b.add(step.change);
  return b.result();
}

}  // namespace strata::precheck
