#include "introspect/inspector.h"

#include <libpq-fe.h>
#include <soci/soci.h>

#include "core/error.h"
#include "db/connection.h"
#include "introspect/catalog_reader.h"

namespace strata::introspect {
namespace {

constexpr int kOldestSupported = 120000;

// search_path '' makes the server print user objects schema-qualified;
// work_mem keeps the sorts of large catalogs in memory; jit off, as
// compiling the larger catalog queries (their cost estimates pass
// jit_above_cost at a few thousand tables) took longer than running them:
// 220 ms of the columns query's 1.9 s at 10,000 tables. All for this
// transaction only.
constexpr const char* kSettings =
    "SET LOCAL search_path = ''; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off";

// 150004 -> "15.4"; before PostgreSQL 10 three parts: 90624 -> "9.6.24".
std::string version_text(int num) {
  if (num >= 100000) return std::to_string(num / 10000) + "." + std::to_string(num % 10000);
  return std::to_string(num / 10000) + "." + std::to_string(num / 100 % 100) + "." +
         std::to_string(num % 100);
}

Inspection read_catalog(db::Connection& connection, const Options& options, int version) {
  CatalogReader reader(connection, version);
  return reader.read_all(options);
}

}  // namespace

void require_supported_server(int server_version_num) {
  if (server_version_num >= kOldestSupported) return;
  throw DatabaseError(DatabaseError::Kind::kOther,
                      "PostgreSQL " + version_text(server_version_num) +
                          " is not supported: Strata needs PostgreSQL 12 or later");
}

Inspection inspect(db::Connection& connection, const Options& options) {
  int version = connection.server_version_num();
  require_supported_server(version);
  // Settings made with SET LOCAL only hold inside a transaction, and COMMIT
  // must not end a transaction that belongs to the caller.
  bool in_transaction = PQtransactionStatus(connection.native()) != PQTRANS_IDLE;
  if (options.own_transaction && in_transaction)
    throw UsageError("inspect: the connection is already in a transaction; "
                     "pass own_transaction = false to inspect inside it");
  if (!options.own_transaction && !in_transaction)
    throw UsageError("inspect: own_transaction = false needs an open transaction");
  int before = connection.statements_sent();
  Inspection result;
  if (options.own_transaction) {
    try {
      // One round trip: the transaction and its settings.
      connection.execute(std::string("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ") + kSettings);
      result = read_catalog(connection, options, version);
      connection.execute("COMMIT");
    } catch (...) {
      try {
        connection.execute("ROLLBACK");
      } catch (const Error&) {
        // The original error says more than a failed rollback would.
      }
      throw;
    }
  } else {
    // Inside the caller's transaction: change the settings for the
    // inspection only, and give the transaction back its own values.
    std::string search_path, work_mem, jit;
    try {
      connection.count_statement();
      connection.session() << "SELECT pg_catalog.current_setting('search_path'),"
                              " pg_catalog.current_setting('work_mem'), pg_catalog.current_setting('jit')",
          soci::into(search_path), soci::into(work_mem), soci::into(jit);
      connection.execute(kSettings);
      result = read_catalog(connection, options, version);
      connection.count_statement();
      connection.session() << "SELECT pg_catalog.set_config('search_path', :p, true),"
                              " pg_catalog.set_config('work_mem', :w, true),"
                              " pg_catalog.set_config('jit', :j, true)",
          soci::use(search_path), soci::use(work_mem), soci::use(jit);
    } catch (const soci::soci_error& e) {
      throw DatabaseError(DatabaseError::Kind::kStatement,
                          std::string("saving or restoring settings: ") + e.what());
    }
  }
  result.statements = connection.statements_sent() - before;
  return result;
}

}  // namespace strata::introspect
