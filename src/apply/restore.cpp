// restore(): the database becomes exactly what the backup holds.
//
// pg_restore turns the archive into an SQL script (it does not connect);
// Strata then runs, in ONE transaction on its own connection: drop every
// user schema (public is emptied and keeps its owner and privileges), the
// script (COPY data streamed through libpq's copy protocol), and the audit
// log rows written since the backup put back. Any failure rolls everything
// back. Unlike `pg_restore --clean`, objects created after the backup do not
// survive, so strata.revisions and the schema always agree.

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

#include "apply/applied_revision.h"
#include "apply/backup.h"
#include "apply/backup_file.h"
#include "apply/process.h"
#include "core/error.h"
#include "db/connection.h"
#include "sql/quote.h"

namespace strata::apply {
namespace {

namespace fs = std::filesystem;

// Removes a temporary file at scope exit.
struct TempFile {
  fs::path path;
  TempFile() {
    std::string tmpl = (fs::temp_directory_path() / "strata-restore-XXXXXX.sql").string();
    int fd = mkstemps(tmpl.data(), 4);
    if (fd < 0) throw Error("cannot create a temporary file for the restore script");
    ::close(fd);
    path = tmpl;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

void check_result(PGresult* res, pg_conn* conn, const std::string& what) {
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
    PQclear(res);
    return;
  }
  std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  std::string sqlstate;
  if (res) {
    if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) sqlstate = s;
    PQclear(res);
  }
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw DatabaseError(DatabaseError::Kind::kStatement, what + ": " + message, sqlstate);
}

void exec(db::Connection& conn, const std::string& sql, const std::string& what) {
  conn.count_statement();
  check_result(PQexec(conn.native(), sql.c_str()), conn.native(), what);
}

// Runs pg_restore's script: SQL chunks as simple queries, COPY blocks
// through the copy protocol.
void run_script(db::Connection& conn, const fs::path& script) {
  std::ifstream in(script, std::ios::binary);
  if (!in) throw Error("cannot read " + script.string());
  std::string chunk, line;
  auto flush = [&] {
    if (chunk.find_first_not_of(" \n\t") != std::string::npos) exec(conn, chunk, "restore");
    chunk.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("\\restrict ", 0) == 0 || line.rfind("\\unrestrict ", 0) == 0) continue;
    bool copy = line.rfind("COPY ", 0) == 0 && line.size() > 12 &&
                line.compare(line.size() - 12, 12, " FROM stdin;") == 0;
    if (!copy) {
      chunk += line;
      chunk += '\n';
      continue;
    }
    flush();
    pg_conn* pg = conn.native();
    conn.count_statement();
    PGresult* res = PQexec(pg, line.c_str());
    if (!res || PQresultStatus(res) != PGRES_COPY_IN) check_result(res, pg, "restore: " + line);
    PQclear(res);
    bool ended = false;
    while (std::getline(in, line)) {
      if (line == "\\.") {
        ended = true;
        break;
      }
      line += '\n';
      if (PQputCopyData(pg, line.data(), static_cast<int>(line.size())) != 1)
        throw DatabaseError(DatabaseError::Kind::kStatement,
                            std::string("restore: sending COPY data failed: ") +
                                PQerrorMessage(pg));
    }
    if (!ended) throw Error("restore: the archive's script ends inside COPY data");
    PQputCopyEnd(pg, nullptr);
    while (PGresult* r = PQgetResult(pg)) check_result(r, pg, "restore: COPY");
  }
  flush();
}

// Drops every user schema; public is emptied and recreated with its owner
// and privileges as they were.
void drop_user_schemas(db::Connection& conn) {
  std::string drops = conn.query_value(
      "SELECT string_agg(format('DROP SCHEMA %I CASCADE;', nspname), ' ') "
      "FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
      "AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'");
  std::string recreate = conn.query_value(
      "SELECT 'CREATE SCHEMA public; ALTER SCHEMA public OWNER TO ' || "
      "quote_ident(nspowner::regrole::text) || '; REVOKE ALL ON SCHEMA public FROM PUBLIC; ' || "
      "coalesce((SELECT string_agg(format('GRANT %s ON SCHEMA public TO %s%s;', a.privilege_type, "
      "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END, "
      "CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END), ' ') "
      "FROM aclexplode(n.nspacl) a), '') "
      "FROM pg_namespace n WHERE nspname = 'public'");
  if (!drops.empty()) exec(conn, drops, "restore: dropping the current schemas");
  exec(conn, recreate.empty() ? "CREATE SCHEMA public" : recreate,
       "restore: recreating schema public");
}

}  // namespace

void restore(const std::string& url, const fs::path& file, const PgToolOptions& tools) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw UsageError("no backup file " + file.string());
  fs::path sidecar = file;
  sidecar.replace_extension(".json");
  if (auto info = read_sidecar(sidecar); info && !info->sha256.empty()) {
    std::string actual = file_sha256(file);
    if (actual != info->sha256)
      throw Error(file.string() + " is damaged: its SHA-256 is " + actual + " but " +
                  sidecar.string() + " records " + info->sha256);
  }
  db::Connection conn(url);
  fs::path pg_restore = find_pg_tool("pg_restore", server_major(conn), tools);
  TempFile script;
  ProcessResult r = run_process({pg_restore.string(), "--no-owner",
                                 "--file=" + script.path.string(), file.string()});
  if (r.exit_code != 0)
    throw Error("pg_restore cannot read " + file.string() + " (exit " +
                std::to_string(r.exit_code) + "): " + tail_lines(r.err, 10));

  exec(conn, "BEGIN", "restore");
  try {
    bool had_audit = conn.query_value("SELECT (to_regclass('strata.audit_log') IS NOT NULL)::text") ==
                     "true";
    if (had_audit)
      exec(conn,
           "CREATE TEMP TABLE strata_audit_keep ON COMMIT DROP AS "
           "SELECT id, at, who, operation, target, result, detail, duration_ms "
           "FROM strata.audit_log",
           "restore: keeping the audit log");
    drop_user_schemas(conn);
    run_script(conn, script.path);
    if (had_audit) {
      // A backup from before Strata's first run has no audit log to put rows in.
      if (conn.query_value("SELECT (to_regclass('strata.audit_log') IS NULL)::text") == "true")
        exec(conn, strata_schema_sql(), "restore: the strata schema");
      exec(conn,
           "INSERT INTO strata.audit_log "
           "(id, at, who, operation, target, result, detail, duration_ms) "
           "OVERRIDING SYSTEM VALUE SELECT k.id, k.at, k.who, k.operation, k.target, k.result, k.detail, k.duration_ms "
           "FROM pg_temp.strata_audit_keep k "
           "WHERE NOT EXISTS (SELECT 1 FROM strata.audit_log a WHERE a.id = k.id); "
           "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('strata.audit_log', 'id'), "
           "greatest((SELECT max(id) FROM strata.audit_log), 1))",
           "restore: putting back the audit log");
    }
    exec(conn, "COMMIT", "restore");
  } catch (const Error& e) {
    try {
      exec(conn, "ROLLBACK", "restore");
    } catch (...) {
    }
    std::string message =
        "restore of " + file.string() + " failed; the database is unchanged: " + e.what();
    if (const auto* db = dynamic_cast<const DatabaseError*>(&e))
      throw DatabaseError(db->kind(), message, db->sqlstate(), db->statement(), db->position());
    throw Error(message);
  }
}

}  // namespace strata::apply
