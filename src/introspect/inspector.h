#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/schema.h"

namespace strata::db {
class Connection;
}

namespace strata::introspect {

struct Options {
  // The managed schemas. Empty: every schema except pg_* (pg_catalog,
  // pg_toast, temporary schemas), information_schema, strata, and schemas
  // that belong to an extension.
  std::vector<std::string> schemas;
  // true: inspect() opens its own BEGIN ISOLATION LEVEL REPEATABLE READ READ
  // ONLY ... COMMIT. false: it runs inside the caller's open transaction and
  // leaves that transaction's settings as it found them.
  bool own_transaction = true;
  // Read owners / grants (one more query when either is set); models of
  // projects that do not manage them leave them empty.
  bool manage_owners = false;
  bool manage_privileges = false;
};

struct Inspection {
  model::Schema schema;
  // What exists in the managed schemas but Strata does not manage yet, by
  // kind ("functions", "triggers", "partitioned tables", ...): each object's
  // name, schema-qualified and quoted as the server prints it ("public.f(integer)",
  // "public.users.audit_trigger" for what hangs on a table), in byte order.
  // Only kinds with an object appear. Named, never silently dropped.
  std::map<std::string, std::vector<std::string>> unmanaged;
  int server_version_num = 0;
  // Statements this inspection sent (a constant, whatever the database size).
  int statements = 0;
};

// Reads the managed schemas of the connected database into the model,
// normalized as the YAML loader normalizes a model (see the model headers):
//   - types as format_type() prints them with search_path = '' (user types
//     schema-qualified); expressions as pg_get_expr/pg_get_indexdef/
//     pg_get_viewdef print them in pretty mode with that search_path;
//   - a column whose default is nextval() of a sequence it owns, named
//     "<table>_<column>_seq" in the table's schema, of the column's integer
//     type and with default options, reads back as serial/bigserial/
//     smallserial without a default, and that sequence is not listed;
//   - identity sequences belong to their column; options equal to the type's
//     defaults are empty optionals;
//   - indexes backing a primary key, unique or exclusion constraint are part
//     of the constraint, not of Table::indexes; exclusion constraints are
//     decomposed from their index (keys, opclass, INCLUDE, predicate) and
//     conexclop (operators);
//   - check bodies lose "CHECK (...)" and " NO INHERIT" (a flag instead);
//   - collations and operator classes are spelled by name when they live in
//     pg_catalog ("C", "text_pattern_ops"), else schema-qualified; a column
//     collation is reported only when it is not its type's, an index key's
//     only when it is not its column's (for an expression: not the
//     database default);
//   - an index expression is printed by pg_get_indexdef(index, key, true)
//     without its outer parentheses ("a + b"); an exclusion element keeps
//     them ("(a + b)"), a column element is the bare name;
//   - view queries are trimmed of surrounding blanks and the final ';';
//   - the comment PostgreSQL puts on schema public ("standard public
//     schema") is not reported;
//   - extensions are database-wide: all but plpgsql are listed.
// An inheritance child lists its parents (Table::inherits, in inhseqno
// order) and only its own columns and checks (attislocal, conislocal); a
// child of a table outside the managed schemas is listed in `unmanaged`.
// Objects that belong to an extension are skipped.
//
// A fixed number of statements is sent: one query per object kind for all
// managed schemas at once, plus the transaction with its settings and its
// end (20 in all; 21 with owners or grants managed). The queries go out
// together through libpq's pipeline mode (one round trip, as unnamed
// statements: nothing is prepared, so nothing is deallocated); when
// options.schemas is empty, the schemas are resolved first.
//
// Throws:
//   UsageError     a schema named in options.schemas does not exist; or
//                  own_transaction does not match the connection's state
//                  (true while a transaction is open, false while none is);
//   DatabaseError  kOther when the server is older than PostgreSQL 12;
//                  kPermission when a catalog cannot be read (the message
//                  names the object); kStatement / kUnreachable otherwise.
// Requires: with own_transaction == false, the caller's transaction is open
// and not aborted; with true, no transaction is open.
Inspection inspect(db::Connection& connection, const Options& options);

// Throws DatabaseError(kOther) when `server_version_num` (e.g. 150004) is
// below 120000, the oldest server introspection supports.
void require_supported_server(int server_version_num);

}  // namespace strata::introspect
