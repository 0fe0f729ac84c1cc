#include "codegen/online.h"

#include <optional>

#include "codegen/render.h"
#include "codegen/statement_writer.h"
#include "model/default_names.h"
#include "revision/steps.h"
#include "sql/quote.h"

namespace strata::codegen {
namespace {

using namespace diff;
using revision::StepMode;

enum class Form {
  kPlain,
  kConcurrentIndex,   // CreateIndex
  kConcurrentDrop,    // DropIndex
  kKeyUsingIndex,     // AddConstraint: primary key or unique
  kNotValid,          // AddConstraint: foreign key or check
  kNotNullViaCheck,   // AlterColumn: SET NOT NULL alone (with default changes at most)
};

Form form_of(const Change& change, const std::set<QualifiedName>& created) {
  if (const auto* c = std::get_if<CreateIndex>(&change))
    return created.count(c->table) ? Form::kPlain : Form::kConcurrentIndex;
  if (const auto* c = std::get_if<DropIndex>(&change))
    return created.count(c->table) ? Form::kPlain : Form::kConcurrentDrop;
  if (const auto* c = std::get_if<AddConstraint>(&change)) {
    if (created.count(c->table)) return Form::kPlain;
    if (std::holds_alternative<model::PrimaryKey>(c->constraint) ||
        std::holds_alternative<model::UniqueConstraint>(c->constraint))
      return Form::kKeyUsingIndex;
    if (std::holds_alternative<model::ForeignKey>(c->constraint) ||
        std::holds_alternative<model::CheckConstraint>(c->constraint))
      return Form::kNotValid;
    return Form::kPlain;  // an exclusion constraint cannot be added USING INDEX
  }
  if (const auto* c = std::get_if<AlterColumn>(&change)) {
    const ColumnDelta& d = c->delta;
    // With a type change the table is rewritten anyway; adding an identity
    // needs NOT NULL in the same breath.
    if (!created.count(c->table) && d.nullable && c->from.nullable && !c->to.nullable && !d.type &&
        !d.identity && !d.drop_expression)
      return Form::kNotNullViaCheck;
  }
  return Form::kPlain;
}

std::string alter_table(const QualifiedName& t) { return "ALTER TABLE " + qualified(t) + " "; }

std::string drop_leftover(const std::string& schema, const std::string& index) {
  return "DROP INDEX CONCURRENTLY IF EXISTS " + sql::quote_qualified(schema, index) + ";\n";
}

struct Step {
  StepMode mode = StepMode::kTransaction;
  bool joinable = false;  // later plain changes may join this transaction step
  std::vector<std::string> items;
};

// The validation (and what follows it) of a change added NOT VALID.
struct Pending {
  std::string validate;  // comments and the VALIDATE statement
  std::string finish;    // after the validation ("" for none)
};

class Builder {
 public:
  void transaction(const std::string& text) {
    if (steps_.empty() || !steps_.back().joinable) steps_.push_back({StepMode::kTransaction, true, {}});
    steps_.back().items.push_back(text);
  }
  void own(StepMode mode, const std::string& text) { steps_.push_back({mode, false, {text}}); }
  void defer(Pending p) { pending_.push_back(std::move(p)); }
  // The validations wait while NOT VALID additions follow one another, so
  // those share one short transaction step.
  void flush() {
    std::string finishes;
    for (const auto& p : pending_) {
      own(StepMode::kTransaction, p.validate);
      if (!p.finish.empty()) finishes += (finishes.empty() ? "" : "\n") + p.finish;
    }
    pending_.clear();
    if (!finishes.empty()) steps_.push_back({StepMode::kTransaction, true, {finishes}});
  }
  OnlineScript finish() {
    flush();
    OnlineScript out;
    for (const auto& s : steps_) {
      if (!out.body.empty()) out.body += "\n";
      out.body += revision::step_marker(s.mode);
      for (size_t i = 0; i < s.items.size(); ++i) out.body += (i ? "\n" : "") + s.items[i];
      ++out.steps;
      if (s.mode == StepMode::kNoTransaction) ++out.no_transaction_steps;
    }
    return out;
  }

 private:
  std::vector<Step> steps_;
  std::vector<Pending> pending_;
};

model::IndexKey key(const std::string& column) {
  model::IndexKey k;
  k.column = column;
  return k;
}

std::string key_using_index(const AddConstraint& c, const std::string& comments, Builder& b) {
  model::Index ix;
  std::string kind;
  model::Deferral deferral_of;
  if (const auto* pk = std::get_if<model::PrimaryKey>(&c.constraint)) {
    ix.name = pk->name;
    for (const auto& col : pk->columns) ix.keys.push_back(key(col));
    kind = "PRIMARY KEY";
    deferral_of = pk->deferral;
  } else {
    const auto& u = std::get<model::UniqueConstraint>(c.constraint);
    ix.name = u.name;
    for (const auto& col : u.columns) ix.keys.push_back(key(col));
    ix.nulls_not_distinct = u.nulls_not_distinct;
    kind = "UNIQUE";
    deferral_of = u.deferral;
  }
  ix.unique = true;
  b.own(StepMode::kNoTransaction,
        comments + drop_leftover(c.table.schema, ix.name) + create_index(c.table, ix, /*concurrently=*/true));
  std::string name = sql::quote_ident(ix.name);
  return sql::comment_line(describe(Change{c}) + ": the key takes the index built above") +
         alter_table(c.table) + "ADD CONSTRAINT " + name + " " + kind + " USING INDEX " + name +
         deferral(deferral_of) + ";\n";
}

void add(const ScriptItem& item, Form form, Builder& b) {
  const Change& change = *item.change;
  const std::string& comments = item.comments;
  switch (form) {
    case Form::kPlain:
      b.transaction(comments + render_change(change));
      return;
    case Form::kConcurrentIndex: {
      const auto& c = std::get<CreateIndex>(change);
      std::string text = comments + drop_leftover(c.table.schema, c.index.name) +
                         create_index(c.table, c.index, /*concurrently=*/true);
      if (c.index.comment)
        text += comment_on("INDEX " + sql::quote_qualified(c.table.schema, c.index.name), c.index.comment);
      b.own(StepMode::kNoTransaction, text);
      return;
    }
    case Form::kConcurrentDrop: {
      const auto& c = std::get<DropIndex>(change);
      b.own(StepMode::kNoTransaction, comments + "DROP INDEX CONCURRENTLY IF EXISTS " +
                                          sql::quote_qualified(c.table.schema, c.index.name) + ";\n");
      return;
    }
    case Form::kKeyUsingIndex:
      b.transaction(key_using_index(std::get<AddConstraint>(change), comments, b));
      return;
    case Form::kNotValid: {
      const auto& c = std::get<AddConstraint>(change);
      const std::string& name = constraint_name(c.constraint);
      std::string add = render_change(change);  // "ALTER TABLE t ADD CONSTRAINT ...;\n"
      add.resize(add.size() - 2);
      b.transaction(comments + add + " NOT VALID;\n");
      b.defer({sql::comment_line("validate " + name + " on " + c.table.str() +
                                 " (SHARE UPDATE EXCLUSIVE: writes go on)") +
                   alter_table(c.table) + "VALIDATE CONSTRAINT " + sql::quote_ident(name) + ";\n",
               ""});
      return;
    }
    case Form::kNotNullViaCheck: {
      const auto& c = std::get<AlterColumn>(change);
      AlterColumn rest = c;
      rest.delta.nullable = false;
      std::string helper = sql::quote_ident(not_null_helper_name(c.table.name, c.to.name));
      std::string column = sql::quote_ident(c.to.name);
      b.transaction(comments + (rest.delta.any() ? render_change(Change{rest}) : "") + alter_table(c.table) +
                    "ADD CONSTRAINT " + helper + " CHECK (" + column + " IS NOT NULL) NOT VALID;\n");
      std::string path = c.table.str() + "." + c.to.name;
      b.defer({sql::comment_line("validate the NOT NULL check of " + path +
                                 " (SHARE UPDATE EXCLUSIVE: writes go on)") +
                   alter_table(c.table) + "VALIDATE CONSTRAINT " + helper + ";\n",
               sql::comment_line("set " + path + " NOT NULL (the valid check spares the scan); drop the check") +
                   alter_table(c.table) + "ALTER COLUMN " + column + " SET NOT NULL;\n" + alter_table(c.table) +
                   "DROP CONSTRAINT " + helper + ";\n"});
      return;
    }
  }
}

}  // namespace

std::string not_null_helper_name(const std::string& table, const std::string& column) {
  return model::make_object_name(table, column, "strata_not_null");
}

std::set<QualifiedName> tables_created(const std::vector<ScriptItem>& items) {
  std::set<QualifiedName> out;
  for (const auto& item : items) {
    if (const auto* c = std::get_if<CreateTable>(item.change)) out.insert(c->name);
    if (const auto* c = std::get_if<CreateView>(item.change)) out.insert(c->name);
    // Going away in the same script: the drop locks it anyway.
    if (const auto* c = std::get_if<DropTable>(item.change)) out.insert(c->name);
  }
  return out;
}

bool takes_online_form(const Change& change, const std::set<QualifiedName>& created) {
  return form_of(change, created) != Form::kPlain;
}

std::vector<Hazard> online_hazards(const Change& change, const std::vector<Hazard>& hazards,
                                   const std::set<QualifiedName>& created) {
  if (!takes_online_form(change, created)) return hazards;
  std::vector<Hazard> out;
  for (const auto& h : hazards)
    if (h.kind != HazardKind::kBlocksWrites) out.push_back(h);
  return out;
}

OnlineScript render_online(const std::vector<ScriptItem>& items) {
  std::set<QualifiedName> created = tables_created(items);
  bool any = false;
  for (const auto& item : items) any = any || takes_online_form(*item.change, created);
  if (!any) return {};
  Builder b;
  for (const auto& item : items) {
    Form form = form_of(*item.change, created);
    if (form != Form::kNotValid && form != Form::kNotNullViaCheck) b.flush();
    add(item, form, b);
  }
  return b.finish();
}

}  // namespace strata::codegen
