#pragma once

// What a model expression may call before Strata lets the server run it.
//
// `create` runs the generated revision (its proof) and the server oracle runs
// model expressions inside transactions that are rolled back. A rollback does
// not undo everything: a sequence moved by setval() or nextval(), a file read
// or written on the server, a large object exported, a connection opened by
// dblink, a signal sent to another session, an advisory lock, a sleep. Calls
// that act outside the transaction like these are refused here, decided from
// libpg_query's parse tree, never from text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::sql {

// A function call in a parse tree.
struct FunctionCall {
  std::string schema;  // empty when unqualified
  std::string name;    // as the parser folds it (lower case unless quoted)
  int location = -1;   // byte offset of the call in the parsed text; -1 unknown

  bool operator==(const FunctionCall&) const = default;
};

// Every function call of a parse tree (sql::parse), also in FROM and in
// subqueries, in text order. Walks the tree without recursion.
std::vector<FunctionCall> function_calls(const nlohmann::json& tree);

// Where an expression is used. Only a column default may use the sequence
// functions nextval(), currval() and lastval() (`DEFAULT nextval('s')`
// is how a serial column works; currval() and lastval() only read, but are
// refused elsewhere as they are volatile).
enum class ExpressionUse { kColumnDefault, kOther };

// Why `call` may not appear in an expression used as `use`, e.g.
// "setval() changes a sequence, which no rollback undoes"; nullopt when it
// may. The schema does not matter (pg_catalog comes first in the search
// path, and a copy elsewhere is refused too):
//   anywhere: setval; pg_read_file, pg_read_binary_file, pg_stat_file,
//     pg_ls_*, pg_logdir_ls, pg_file_* (files on the server); lo_*, loread,
//     lowrite (large objects, lo_import/lo_export read and write files);
//     dblink* (other connections); pg_terminate_backend, pg_cancel_backend;
//     pg_sleep*; set_config; pg_advisory_*, pg_try_advisory_*; txid_*,
//     pg_current_xact_id*; pg_notify; query_to_xml*, cursor_to_xml* (run
//     query text); server administration (pg_reload_conf,
//     pg_rotate_logfile, pg_promote, pg_switch_wal, pg_backup_*,
//     pg_start_backup, pg_stop_backup, pg_create_*, pg_drop_*,
//     pg_replication_*, pg_logical_*, pg_copy_*, pg_wal_replay_*,
//     pg_stat_reset*, pg_log_backend_memory_contexts,
//     pg_import_system_collations);
//   outside a column default: nextval, currval, lastval.
std::optional<std::string> refused_call(const FunctionCall& call, ExpressionUse use);

// A refused call found in a text, with its byte offset in that text.
struct RefusedCall {
  FunctionCall call;
  std::string reason;
  int offset = 0;
};

// The first refused call of `expression` (one expression, as a default or
// check holds). nullopt when there is none or the expression does not parse
// (its syntax is reported elsewhere).
std::optional<RefusedCall> find_refused_call(std::string_view expression, ExpressionUse use);

// The same for a view's query (a whole SELECT); sequence functions are
// refused there.
std::optional<RefusedCall> find_refused_query_call(std::string_view query);

// Checks a script that codegen generated before the proof runs it: every
// statement must be of a kind codegen writes (CREATE/ALTER/DROP of schemas,
// extensions, types, sequences, tables, indexes, views and materialized
// views, functions and aggregates (with SET LOCAL check_function_bodies),
// triggers, RENAME, COMMENT ON; GRANT and CREATE RULE, which put back what
// hung on a view that is created again), and no statement but CREATE
// FUNCTION (which runs nothing) may hold a refused call (the
// sequence functions allowed, as in a column default). Returns what is wrong,
// e.g. "statement 3 is a CopyStmt, which Strata never generates"; nullopt
// when the script is fine.
std::optional<std::string> generated_script_problem(std::string_view script);

}  // namespace strata::sql
