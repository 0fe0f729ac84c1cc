#pragma once

#include <string>
#include <vector>

#include "diff/expression_oracle.h"

namespace strata::db {
class Connection;
}

namespace strata::introspect {

// Answers expression questions by letting the server render the spellings.
//
// All questions go to the server in ONE round trip: a single multi-statement
// script that opens a transaction (or a savepoint when the caller already has
// one open), sets search_path to '' as introspection does, creates a
// temporary PL/pgSQL function that builds one scratch object per spelling
// (temp table with the DEFAULT / GENERATED / CHECK, temp index with the
// expression or predicate, temp view) inside its own BEGIN ... EXCEPTION
// block, reads each back as introspection reads the real ones (pg_get_expr,
// pg_get_constraintdef, pg_get_indexdef(oid, k, true), pg_get_viewdef(oid,
// true)), and returns the renderings; then ROLLBACK (or ROLLBACK TO
// SAVEPOINT). Nothing is left behind and no database is created.
//
// A question is answered "same" when the desired spelling renders exactly as
// the catalog printed `current` (what a new diff after an apply sees; some
// printed forms, e.g. a varchar IN list, do not render back to themselves),
// or when both spellings render alike. A question the server cannot render
// (an unknown function, a type or sequence not created yet, a spelling that
// does not parse) answers false without affecting the others.
//
// Spellings are resolved with search_path set to the question's table schema
// (so `'viewer'::user_role` finds public.user_role) and rendered with
// search_path ''.
class ServerOracle : public diff::ExpressionOracle {
 public:
  // Requires: `connection` outlives this object, and is idle or in a
  // read-write transaction (temporary objects are created).
  explicit ServerOracle(db::Connection& connection) : connection_(connection) {}

  // One round trip (counted on the connection) for any number of questions;
  // none when no question can be built (an empty list, unparsable text).
  // Throws DatabaseError when the connection fails, its transaction is
  // already aborted, or the script itself fails (e.g. a read-only
  // transaction); the caller's transaction state is then restored (one more
  // statement).
  std::vector<bool> same(const std::vector<diff::ExpressionQuestion>& questions) override;

  // The script same() sends, for tests and debugging.
  static std::string script(const std::vector<diff::ExpressionQuestion>& questions,
                            bool in_transaction);

 private:
  db::Connection& connection_;
};

}  // namespace strata::introspect
