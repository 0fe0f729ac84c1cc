#pragma once

// The proof `create` runs before it writes a revision.

#include <string>
#include <vector>

#include "app/project.h"
#include "app/results.h"
#include "db/connection.h"
#include "model/schema.h"

namespace strata::app {

// What `create` does inside its transaction before anything of the models
// reaches the server (the expression oracle, then the proof):
//  - with `proof_role` configured, SET LOCAL ROLE to it, and refuse a role
//    that is a superuser or may run programs or read and write server files
//    (pg_execute_server_program, pg_read_server_files, pg_write_server_files);
//  - refuse checks, index expressions and predicates, exclusion expressions
//    and predicates and generated columns that call a volatile function
//    (pg_proc.provolatile = 'v', any overload of that name; in the schema
//    given, or in any schema for an unqualified name): PostgreSQL evaluates
//    them for existing rows while proving. One query. Throws LoadError
//    naming each object.
// Requires: an open, not aborted transaction on `conn`.
void prepare_proof(const Project& project, db::Connection& conn, const model::Schema& desired);

// Refuses (Error) to prove scripts holding anything but the statements
// codegen writes, or a call sql::refused_call refuses (see
// sql::generated_script_problem): no statement but the generated ones runs.
void check_generated_scripts(const std::string& up_sql, const std::string& down_sql);

// The scripts a proof runs: the whole files (header included, so that a
// failing statement's line is its line in the file) and their names for
// messages.
struct ProofScripts {
  std::string up_sql;
  std::string down_sql;
  std::string up_file = "up.sql";
  std::string down_file = "down.sql";
};

// Where the proof runs.
enum class ProofSite {
  // A shadow database (scratch): up, then down, each file run step by step
  // in its steps' modes (shadow::run_steps: a transaction step commits on
  // its own, a no-transaction step runs statement by statement in
  // autocommit), as proof_role when one is configured.
  kShadow,
  // The target, inside the caller's open transaction, which the caller
  // rolls back afterwards (prepare_proof has already entered proof_role).
  // A file with a no-transaction step cannot be proved here: UsageError.
  kRolledBack,
};

// Runs
//   up   -> the catalog must equal `desired` (the differ finds nothing to do)
//   down -> the catalog must equal `start`: every object and column
//           definition the same; only the physical order of a table's
//           columns may differ (PostgreSQL appends a re-added column, see
//           without_column_order)
// and stops at the first step that fails. A failed step says why: the
// failing statement with its line in the file and PostgreSQL's message,
// DETAIL and HINT; the change still to do; or the first object that
// differs with its definition before the revision and after down.
//
// Up is not run a second time. Once down has brought back exactly the
// starting catalog, a second up would run the same script on the same
// catalog; only what the comparison cannot see could change its outcome,
// and check_generated_scripts admits nothing but the statements codegen
// writes, which only touch objects the catalog comparison covers.
// `where` says where the models were declared (a role they name that the
// server lacks is refused there, as in every plan).
// Requires: `start` is the catalog of `conn`'s database before anything ran
// (for kRolledBack, read in the caller's transaction).
std::vector<ProofStep> prove_revision(const Project& project, db::Connection& conn, const model::Schema& desired,
                                      const model::SourceMap& where, const model::Schema& start,
                                      const ProofScripts& scripts, ProofSite site);

}  // namespace strata::app
