// Whether the sequence of a serial or identity column is logged. PostgreSQL
// gives a new column's sequence its table's persistence (CREATE TABLE, ADD
// COLUMN, ADD GENERATED), ALTER TABLE ... SET LOGGED / UNLOGGED sets the
// sequences the table owns as the table, and CREATE SEQUENCE (an integer
// column becoming serial) makes a logged one. A column says
// `sequence_logged` only when its sequence is otherwise; these changes bring
// it there after whatever else set it, and, for what goes, back to the
// table's state before it goes, so that down puts it back exactly.
#include "diff/planner.h"
#include "model/default_names.h"
#include "model/type_name.h"

namespace strata::diff {
namespace {

bool has_sequence(const model::Column& c) {
  return c.identity.has_value() || model::is_serial_type(c.type);
}

// The state of the column's sequence as the column says it.
bool logged(const model::Table& t, const model::Column& c) {
  return c.sequence_logged.value_or(!t.unlogged);
}

}  // namespace

SetSequenceLogged Planner::set_sequence_logged(const QualifiedName& table,
                                               const model::Column& column, bool logged) const {
  return SetSequenceLogged{table, column.name,
                           {table.schema, model::sequence_name(table.name, column.name)}, logged};
}

void Planner::sequence_persistence_before(const QualifiedName& name, const model::Table& cur,
                                          const model::Table& want) {
  for (const auto& c : cur.columns) {
    if (!has_sequence(c) || logged(cur, c) == !cur.unlogged) continue;
    const model::Column* w = want.find_column(c.name);
    bool goes = !w || !has_sequence(*w);
    // SET LOGGED / UNLOGGED of the table sets the sequence as the table:
    // in down, the inverse of this puts the column's own state back after it.
    if (goes || cur.unlogged != want.unlogged) add(kColumns, set_sequence_logged(name, c, !cur.unlogged));
  }
}

void Planner::sequence_persistence_after(const QualifiedName& name, const model::Table& cur,
                                         const model::Table& want) {
  for (const auto& w : want.columns) {
    if (!has_sequence(w)) continue;
    const model::Column* c = cur.find_column(w.name);
    bool now;
    if (c && has_sequence(*c))
      now = cur.unlogged != want.unlogged ? !want.unlogged : logged(cur, *c);
    else if (c && !c->identity && !w.identity)
      now = true;  // CREATE SEQUENCE for a column that becomes serial
    else
      now = !want.unlogged;  // ADD COLUMN or ADD GENERATED
    if (now != logged(want, w)) add(kColumns, set_sequence_logged(name, w, logged(want, w)));
  }
}

void Planner::sequence_persistence_created(const QualifiedName& name, const model::Table& t) {
  for (const auto& c : t.columns)
    if (has_sequence(c) && logged(t, c) != !t.unlogged)
      add(kColumns, set_sequence_logged(name, c, logged(t, c)));
}

void Planner::sequence_persistence_dropped(const QualifiedName& name, const model::Table& t) {
  for (const auto& c : t.columns)
    if (has_sequence(c) && logged(t, c) != !t.unlogged)
      add(kKeyDrops, set_sequence_logged(name, c, !t.unlogged));
}

}  // namespace strata::diff
