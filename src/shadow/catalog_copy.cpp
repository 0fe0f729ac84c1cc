#include "shadow/catalog_copy.h"

#include <optional>
#include <string>
#include <vector>

#include "apply/process.h"
#include "apply/script_splitter.h"
#include "core/error.h"
#include "db/connection.h"
#include "db/conninfo.h"
#include "shadow/script_runner.h"

namespace strata::shadow {
namespace {

constexpr int kStatementsPerBatch = 100;

class BatchRunner {
 public:
  explicit BatchRunner(db::Connection& conn) : conn_(conn) {}

  void statement(const std::string& sql) {
    batch_ += sql;
    batch_ += '\n';
    if (++count_ >= kStatementsPerBatch) flush();
  }
  void flush() {
    if (count_ == 0) return;
    if (auto failure = run_script(conn_, batch_))
      throw Error("copying the catalog into the shadow database failed: " + failure->str("pg_dump's script"));
    batch_.clear();
    count_ = 0;
  }

 private:
  db::Connection& conn_;
  std::string batch_;
  int count_ = 0;
};

}  // namespace

void copy_catalog(const std::string& source_url, const std::string& shadow_url, const CopyOptions& options) {
  std::filesystem::path pg_dump = apply::find_pg_tool("pg_dump", options.source_major, options.tools);
  db::ChildConnection child = db::split_password(source_url);
  std::vector<std::string> argv = {pg_dump.string(),        "--schema-only",     "--no-password",
                                   "--exclude-schema=strata", "--no-publications", "--no-subscriptions",
                                   "--no-security-labels",    "--no-tablespaces"};
  if (!options.owners_and_privileges) {
    argv.push_back("--no-owner");
    argv.push_back("--no-privileges");
  }
  argv.push_back("--dbname=" + child.conninfo);

  db::Connection conn(shadow_url);
  conn.execute("SET synchronous_commit = off");
  BatchRunner runner(conn);
  apply::ScriptSplitter splitter(
      {[&](const std::string& sql) { runner.statement(sql); },
       [](const std::string&) { throw Error("pg_dump --schema-only wrote row data (COPY); refusing to copy it"); },
       [](std::string_view) {}, [] {}});
  apply::ProcessOptions run;
  if (child.password) run.env["PGPASSWORD"] = *child.password;
  run.on_output = [&](std::string_view chunk) { splitter.feed(chunk); };
  apply::ProcessResult r = apply::run_process(argv, run);
  if (r.exit_code != 0)
    throw Error("pg_dump --schema-only failed (exit " + std::to_string(r.exit_code) +
                "): " + db::mask_password(apply::tail_lines(r.err, 10), source_url));
  splitter.finish();
  runner.flush();

  // pg_dump leaves out INVALID indexes (a failed CREATE INDEX CONCURRENTLY);
  // a plan that repairs one drops it first, so the shadow gets it, built.
  db::Connection source(source_url);
  source.execute("SET search_path = ''");
  std::string invalid = source.query_value(
      "SELECT string_agg(pg_catalog.pg_get_indexdef(i.indexrelid) || ';', E'\\n') "
      "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT i.indisvalid AND n.nspname <> 'strata'");
  if (!invalid.empty())
    if (auto failure = run_script(conn, invalid))
      throw Error("copying the catalog into the shadow database failed: " + failure->str("an invalid index"));

  // pg_dump --schema-only creates every materialized view WITH NO DATA;
  // those the source has populated are refreshed (over empty tables), so
  // the copy reads as the source does. One that reads another is refreshed
  // after it: passes until nothing is left or a pass makes no progress.
  std::string populated = source.query_value(
      "SELECT string_agg(pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), "
      "E'\\n' ORDER BY c.oid) FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind = 'm' AND c.relispopulated AND n.nspname <> 'strata'");
  std::vector<std::string> left;
  for (size_t start = 0; start < populated.size();) {
    size_t end = populated.find('\n', start);
    if (end == std::string::npos) end = populated.size();
    if (end > start) left.push_back(populated.substr(start, end - start));
    start = end + 1;
  }
  while (!left.empty()) {
    std::vector<std::string> failed;
    std::optional<ScriptFailure> last;
    for (const auto& name : left)
      if (auto failure = run_script(conn, "REFRESH MATERIALIZED VIEW " + name + ";")) {
        failed.push_back(name);
        last = failure;
      }
    if (failed.size() == left.size())
      throw Error("copying the catalog into the shadow database failed: " +
                  last->str("refreshing a materialized view"));
    left = std::move(failed);
  }
}

}  // namespace strata::shadow
