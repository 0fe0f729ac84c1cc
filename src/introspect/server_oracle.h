#pragma once

#include <string>
#include <vector>

#include "diff/expression_oracle.h"

namespace strata::db {
class Connection;
}

namespace strata::introspect {

// Answers expression questions by letting the server render both spellings.
//
// All questions go to the server in ONE round trip: a single multi-statement
// script that opens a transaction (or a savepoint when the caller already has
// one open), sets search_path to '' as introspection does, creates a
// temporary PL/pgSQL function that builds one scratch object per spelling
// (temp table with the DEFAULT / GENERATED / CHECK, temp index with the
// expression or predicate, temp view) inside its own BEGIN ... EXCEPTION
// block, reads each back with pg_get_expr / pg_get_indexdef / pg_get_viewdef,
// and returns the rendered pairs; then ROLLBACK (or ROLLBACK TO SAVEPOINT).
// Nothing is left behind and no database is created. A question the server
// cannot render (an unknown function, a type or sequence not created yet, a
// spelling that does not parse) answers false without affecting the others.
//
// Spellings of the desired side are resolved with search_path set to the
// question's table schema (so `'viewer'::user_role` finds public.user_role)
// and rendered with search_path '' like the catalog side.
class ServerOracle : public diff::ExpressionOracle {
 public:
  // Requires: `connection` outlives this object and is not in a failed
  // transaction.
  explicit ServerOracle(db::Connection& connection) : connection_(connection) {}

  // One round trip (counted on the connection) for any number of questions;
  // none for an empty list. Throws DatabaseError when the connection fails
  // or its transaction is already aborted.
  std::vector<bool> same(const std::vector<diff::ExpressionQuestion>& questions) override;

  // The script same() sends, for tests and debugging.
  static std::string script(const std::vector<diff::ExpressionQuestion>& questions,
                            bool in_transaction);

 private:
  db::Connection& connection_;
};

}  // namespace strata::introspect
