// restore(): the managed schemas become exactly what the backup holds.
//
// pg_restore turns the archive's part for the managed schemas (chosen from
// `pg_restore -l` and handed back with -L) into an SQL script on its stdout;
// Strata reads it as it comes, splits it with a lexer (ScriptSplitter) and
// runs it, in ONE transaction on its own connection under lock_timeout:
// drop the managed schemas and strata (public is emptied and keeps its owner
// and privileges), the script (COPY data streamed through libpq's copy
// protocol), and the audit log rows written since the backup put back. Any
// failure rolls everything back. The script never touches the disk, and
// pg_restore dies with Strata. Unlike `pg_restore --clean`, objects created
// after the backup in the managed schemas do not survive, so
// strata.revisions and the schema always agree.

#include <libpq-fe.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "apply/applied_revision.h"
#include "apply/backup.h"
#include "apply/backup_file.h"
#include "apply/process.h"
#include "apply/script_splitter.h"
#include "core/error.h"
#include "db/conninfo.h"
#include "db/connection.h"
#include "sql/quote.h"

namespace strata::apply {
namespace {

// The columns that strata.audit_log and the copy kept across a restore both
// have, quoted and joined by ", ".
std::string shared_audit_columns(db::Connection& conn) {
  const std::string names = conn.query_value(
      "SELECT string_agg(a.attname, ' ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
      "JOIN pg_catalog.pg_attribute k ON k.attrelid = 'pg_temp.strata_audit_keep'::regclass "
      " AND k.attname = a.attname AND k.attnum > 0 AND NOT k.attisdropped "
      "WHERE a.attrelid = 'strata.audit_log'::regclass AND a.attnum > 0 AND NOT a.attisdropped");
  std::string out;
  std::size_t start = 0;
  while (start < names.size()) {
    std::size_t end = names.find(' ', start);
    if (end == std::string::npos) end = names.size();
    out += (out.empty() ? "" : ", ") + sql::quote_ident(names.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

namespace fs = std::filesystem;

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

// Runs the statements of pg_restore's script as ScriptSplitter hands them
// over: consecutive statements in one round trip, COPY data through the
// copy protocol in 64 kB messages.
class ScriptRunner {
 public:
  ScriptRunner(db::Connection& conn, std::string lock_timeout_sql)
      : conn_(conn), lock_timeout_sql_(std::move(lock_timeout_sql)) {}

  ScriptSplitter::Handlers handlers() {
    return {[this](const std::string& sql) { statement(sql); },
            [this](const std::string& sql) { copy_begin(sql); },
            [this](std::string_view line) { copy_data(line); }, [this] { copy_end(); }};
  }
  void flush() {
    if (!batch_.empty()) exec(conn_, batch_, "restore");
    batch_.clear();
  }

 private:
  void statement(const std::string& sql) {
    // pg_restore's preamble turns lock_timeout off; the restore keeps its own.
    std::string trimmed = sql.substr(sql.find_first_not_of(" \t\r\n") == std::string::npos
                                         ? sql.size()
                                         : sql.find_first_not_of(" \t\r\n"));
    if (trimmed == "SET lock_timeout = 0;") {
      if (lock_timeout_sql_.empty()) return;
      batch_ += lock_timeout_sql_ + "\n";
    } else {
      batch_ += sql;
      batch_ += '\n';
    }
    if (batch_.size() >= (1u << 20)) flush();
  }
  void copy_begin(const std::string& sql) {
    flush();
    pg_conn* pg = conn_.native();
    conn_.count_statement();
    PGresult* res = PQexec(pg, sql.c_str());
    if (!res || PQresultStatus(res) != PGRES_COPY_IN) check_result(res, pg, "restore: " + sql);
    PQclear(res);
  }
  void copy_data(std::string_view line) {
    data_.append(line);
    if (data_.size() >= (1u << 16)) send();
  }
  void copy_end() {
    send();
    pg_conn* pg = conn_.native();
    PQputCopyEnd(pg, nullptr);
    while (PGresult* r = PQgetResult(pg)) check_result(r, pg, "restore: COPY");
  }
  void send() {
    if (data_.empty()) return;
    pg_conn* pg = conn_.native();
    if (PQputCopyData(pg, data_.data(), static_cast<int>(data_.size())) != 1)
      throw DatabaseError(DatabaseError::Kind::kStatement,
                          std::string("restore: sending COPY data failed: ") + PQerrorMessage(pg));
    data_.clear();
  }

  db::Connection& conn_;
  std::string lock_timeout_sql_;
  std::string batch_;
  std::string data_;
};

// pg_restore -l names each entry `ID; CLASS OID DESC SCHEMA NAME OWNER`;
// DESC may have spaces, so it is matched against the kinds pg_dump writes.
const std::vector<std::string>& entry_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> k = {
        "ACCESS METHOD", "ACL", "AGGREGATE", "BLOB", "BLOB METADATA", "BLOBS", "CAST",
        "CHECK CONSTRAINT", "COLLATION", "COMMENT", "CONSTRAINT", "CONVERSION", "DATABASE",
        "DATABASE PROPERTIES", "DEFAULT", "DEFAULT ACL", "DOMAIN", "ENCODING", "EVENT TRIGGER",
        "EXTENSION", "FK CONSTRAINT", "FOREIGN DATA WRAPPER", "FOREIGN SERVER", "FOREIGN TABLE",
        "FUNCTION", "INDEX", "INDEX ATTACH", "LANGUAGE", "LARGE OBJECT", "LARGE OBJECTS", "MATERIALIZED VIEW",
        "MATERIALIZED VIEW DATA", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY", "POLICY",
        "PROCEDURAL LANGUAGE", "PROCEDURE", "PUBLICATION", "PUBLICATION TABLE", "PUBLICATION TABLES IN SCHEMA",
        "ROW SECURITY", "RULE", "SCHEMA", "SEARCHPATH", "SECURITY LABEL", "SEQUENCE",
        "SEQUENCE OWNED BY", "SEQUENCE SET", "SERVER", "SHELL TYPE", "STATISTICS",
        "STATISTICS DATA", "STDSTRINGS", "SUBSCRIPTION", "SUBSCRIPTION TABLE", "TABLE",
        "TABLE ATTACH", "TABLE DATA", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY",
        "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE", "TRANSFORM", "TRIGGER", "TYPE",
        "USER MAPPING", "VIEW"};
    // Longest first: "TABLE DATA" before "TABLE".
    std::sort(k.begin(), k.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return k;
  }();
  return kinds;
}

std::string first_token(const std::string& s) { return s.substr(0, s.find(' ')); }

// A schema name the list cannot show unambiguously: spaces (or line breaks,
// which the list turns into spaces), "-" (the list's "no schema"), or
// capitals only (it could read as part of an entry kind).
bool unlistable(const std::string& name) {
  if (name.empty() || name == "-" || name.find_first_of(" \n\r\t") != std::string::npos) return true;
  return std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The entries of `list` (pg_restore -l) that belong to the schemas in
// `keep`, in -L form. Database-wide entries are left out, except extensions
// (CREATE EXTENSION IF NOT EXISTS, as dropping a schema may have dropped
// one) and comments, labels and grants on kept schemas and extensions.
std::string select_entries(const std::string& list, const std::set<std::string>& keep) {
  for (const auto& k : keep)
    if (unlistable(k))
      throw Error("schema '" + k + "' cannot be picked out of pg_restore's list of the backup (its name has " +
                  "spaces, capitals only or is \"-\"); restore it with pg_restore by hand");
  static const std::regex kEntry(R"(^(\d+); (\d+) (\d+) (.*)$)");
  std::istringstream in(list);
  std::string line, out;
  while (std::getline(in, line)) {
    std::smatch m;
    if (line.empty() || line[0] == ';') continue;
    if (!std::regex_match(line, m, kEntry))
      throw Error("cannot read this line of pg_restore's list of the backup: " + line);
    const std::string rest = m[4].str();
    const std::string* kind = nullptr;
    for (const auto& k : entry_kinds())
      if (rest.compare(0, k.size() + 1, k + " ") == 0) {
        kind = &k;
        break;
      }
    if (!kind) throw Error("pg_restore's list of the backup has an entry of a kind Strata does not know: " + line);
    const std::string after = rest.substr(kind->size() + 1);
    bool wanted = false;
    if (after.rfind("- ", 0) == 0) {
      const std::string tail = after.substr(2);
      if (*kind == "SCHEMA") {
        std::string name = first_token(tail);
        if (tail.find(' ') != tail.rfind(' ') || unlistable(name))
          throw Error("the backup holds a schema whose name cannot be picked out of pg_restore's list (" +
                      tail + "); restore it with pg_restore by hand, or list every schema in `schemas:`");
        wanted = keep.count(name) > 0;
      } else if (*kind == "EXTENSION") {
        wanted = true;
      } else if (*kind == "COMMENT" || *kind == "ACL" || *kind == "SECURITY LABEL") {
        if (tail.rfind("EXTENSION ", 0) == 0) wanted = true;
        else if (tail.rfind("SCHEMA ", 0) == 0) wanted = keep.count(first_token(tail.substr(7))) > 0;
      }
    } else {
      wanted = keep.count(first_token(after)) > 0;
    }
    if (wanted) out += line + "\n";
  }
  return out;
}

// Everything outside the kept schemas that dropping them could take along,
// one line each: relations, columns, constraints, functions, types,
// triggers, policies, rules.
std::set<std::string> objects_outside(db::Connection& conn, const std::string& kept_list) {
  const std::string outside =
      "n.nspname NOT IN (" + kept_list + ") AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
      "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";
  std::string text = conn.query_value(
      "SELECT coalesce(string_agg(o, E'\\n'), '') FROM ("
      "SELECT format('relation %I.%I', n.nspname, c.relname) AS o FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + outside +
      " UNION ALL SELECT format('column %I.%I.%I', n.nspname, c.relname, a.attname) FROM pg_attribute a "
      "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE a.attnum > 0 AND NOT a.attisdropped AND " + outside +
      " UNION ALL SELECT format('constraint %I of %I.%I', co.conname, n.nspname, "
      "coalesce(c.relname, t.typname)) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace "
      "LEFT JOIN pg_class c ON c.oid = co.conrelid LEFT JOIN pg_type t ON t.oid = co.contypid WHERE " + outside +
      " UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p "
      "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + outside +
      " UNION ALL SELECT format('type %I.%I', n.nspname, t.typname) FROM pg_type t "
      "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + outside +
      " UNION ALL SELECT format('trigger %I on %I.%I', g.tgname, n.nspname, c.relname) FROM pg_trigger g "
      "JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT g.tgisinternal AND " + outside +
      " UNION ALL SELECT format('policy %I on %I.%I', p.polname, n.nspname, c.relname) FROM pg_policy p "
      "JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + outside +
      " UNION ALL SELECT format('rule %I on %I.%I', r.rulename, n.nspname, c.relname) FROM pg_rewrite r "
      "JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE r.rulename <> '_RETURN' AND " + outside + ") s");
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

// Drops the schemas in `kept_list` (a list of SQL literals; empty: every
// user schema); public, when among them, is emptied and recreated with its
// owner and privileges as they were.
void drop_schemas(db::Connection& conn, const std::string& kept_list, bool public_kept) {
  std::string which = kept_list.empty()
                          ? "nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
                            "AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
                          : "nspname IN (" + kept_list + ")";
  std::string drops = conn.query_value(
      "SELECT string_agg(format('DROP SCHEMA %I CASCADE;', nspname), ' ') FROM pg_namespace WHERE " + which);
  std::string recreate = conn.query_value(
      "SELECT 'CREATE SCHEMA public; ALTER SCHEMA public OWNER TO ' || "
      "quote_ident(nspowner::regrole::text) || '; REVOKE ALL ON SCHEMA public FROM PUBLIC; ' || "
      "coalesce((SELECT string_agg(format('GRANT %s ON SCHEMA public TO %s%s;', a.privilege_type, "
      "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END, "
      "CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END), ' ') "
      "FROM aclexplode(n.nspacl) a), '') "
      "FROM pg_namespace n WHERE nspname = 'public'");
  if (!drops.empty()) exec(conn, drops, "restore: dropping the current schemas");
  if (public_kept)
    exec(conn, recreate.empty() ? "CREATE SCHEMA public" : recreate, "restore: recreating schema public");
}

// The dump's SHA-256 against its sidecar's; UsageError when there is no
// sidecar to check against.
void verify(const fs::path& file) {
  fs::path sidecar = file;
  sidecar.replace_extension(".json");
  BackupInfo info;
  try {
    info = load_sidecar(sidecar);
  } catch (const Error& e) {
    throw UsageError(std::string(e.what()) + "; restore checks " + file.filename().string() +
                     " against its sidecar before it changes anything: run with --no-verify to restore it unchecked");
  }
  std::string actual = file_sha256(file);
  if (actual != info.sha256)
    throw Error(file.string() + " is damaged: its SHA-256 is " + actual + " but " + sidecar.string() +
                " records " + info.sha256);
}

}  // namespace

void restore(const std::string& url, const fs::path& file, const RestoreOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw UsageError("no backup file " + file.string());
  if (options.verify) verify(file);
  db::Connection conn(url);
  fs::path pg_restore = find_pg_tool("pg_restore", server_major(conn), options.tools);

  // The part of the archive to restore: everything, or the managed schemas.
  const bool filtered = !options.schemas.empty();
  std::set<std::string> keep(options.schemas.begin(), options.schemas.end());
  keep.insert("strata");
  std::string kept_list;
  for (const auto& k : keep) kept_list += (kept_list.empty() ? "" : ", ") + sql::quote_literal(k);
  std::vector<std::string> argv = {pg_restore.string(), "--no-owner", "--file=-"};
  ProcessOptions run;
  if (filtered) {
    ProcessResult listed = run_process({pg_restore.string(), "--list", file.string()});
    if (listed.exit_code != 0)
      throw Error("pg_restore cannot read " + file.string() + " (exit " + std::to_string(listed.exit_code) +
                  "): " + tail_lines(listed.err, 10));
    run.input = select_entries(listed.out, keep);
    argv.push_back("--use-list=/dev/stdin");
  }
  argv.push_back(file.string());

  std::string lock_timeout_sql;
  if (options.lock_timeout.count() > 0)
    lock_timeout_sql = "SET LOCAL lock_timeout = '" + std::to_string(options.lock_timeout.count()) + "ms';";

  exec(conn, "BEGIN", "restore");
  try {
    if (!lock_timeout_sql.empty()) exec(conn, lock_timeout_sql, "restore");
    bool had_audit = conn.query_value("SELECT (to_regclass('strata.audit_log') IS NOT NULL)::text") ==
                     "true";
    if (had_audit)
      exec(conn, "CREATE TEMP TABLE strata_audit_keep ON COMMIT DROP AS SELECT * FROM strata.audit_log",
           "restore: keeping the audit log");
    std::set<std::string> before;
    if (filtered) before = objects_outside(conn, kept_list);
    drop_schemas(conn, filtered ? kept_list : std::string(), !filtered || keep.count("public") > 0);
    if (filtered) {
      std::set<std::string> after = objects_outside(conn, kept_list);
      std::vector<std::string> lost;
      std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(lost));
      if (!lost.empty()) {
        std::string names;
        for (std::size_t i = 0; i < lost.size() && i < 10; ++i) names += (i ? ", " : "") + lost[i];
        if (lost.size() > 10) names += " and " + std::to_string(lost.size() - 10) + " more";
        throw Error("dropping the managed schemas would also drop what depends on them in other schemas: " +
                    names + "; restore leaves schemas outside `schemas:` alone: remove those dependencies, or add "
                    "their schemas to `schemas:` in strata.yaml");
      }
    }
    ScriptRunner runner(conn, lock_timeout_sql);
    ScriptSplitter splitter(runner.handlers());
    run.on_output = [&](std::string_view chunk) { splitter.feed(chunk); };
    ProcessResult r = run_process(argv, run);
    if (r.exit_code != 0)
      throw Error("pg_restore cannot read " + file.string() + " (exit " + std::to_string(r.exit_code) +
                  "): " + tail_lines(r.err, 10));
    splitter.finish();
    runner.flush();
    if (had_audit) {
      // A backup from before Strata's first run has no audit log to put rows
      // in; one from another Strata version may have other columns: the rows
      // keep every column both tables have.
      if (conn.query_value("SELECT (to_regclass('strata.audit_log') IS NULL)::text") == "true")
        exec(conn, strata_schema_sql(), "restore: the strata schema");
      const std::string columns = shared_audit_columns(conn);
      exec(conn,
           "INSERT INTO strata.audit_log (" + columns + ") "
           "OVERRIDING SYSTEM VALUE SELECT " + columns + " "
           "FROM pg_temp.strata_audit_keep k "
           "WHERE NOT EXISTS (SELECT 1 FROM strata.audit_log a WHERE a.id = k.id); "
           "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('strata.audit_log', 'id'), "
           "greatest((SELECT max(id) FROM strata.audit_log), 1))",
           "restore: putting back the audit log");
    }
    exec(conn, "COMMIT", "restore");
  } catch (const Error& e) {
    try {
      // Leave COPY mode first when the failure came in the middle of data.
      pg_conn* pg = conn.native();
      if (PQputCopyEnd(pg, "restore failed") == 1)
        while (PGresult* r = PQgetResult(pg)) PQclear(r);
      exec(conn, "ROLLBACK", "restore");
    } catch (...) {
    }
    std::string message = "restore of " + file.string() + " failed; the database is unchanged: " +
                          db::mask_password(e.what(), url);
    if (const auto* db = dynamic_cast<const DatabaseError*>(&e))
      throw DatabaseError(db->kind(), message, db->sqlstate(), db->statement(), db->position());
    throw Error(message);
  }
}

}  // namespace strata::apply
