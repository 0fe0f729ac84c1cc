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
// work_mem keeps the sorts of large catalogs in memory. Both for this
// transaction only.
constexpr const char* kSettings = "SET LOCAL search_path = ''; SET LOCAL work_mem = '64MB'";

// 150004 -> "15.4"; before PostgreSQL 10 three parts: 90624 -> "9.6.24".
std::string version_text(int num) {
  if (num >= 100000) return std::to_string(num / 10000) + "." + std::to_string(num % 10000);
  return std::to_string(num / 10000) + "." + std::to_string(num / 100 % 100) + "." +
         std::to_string(num % 100);
}

Inspection read_catalog(db::Connection& connection, const Options& options, int version) {
  CatalogReader reader(connection, version);
  reader.read_schemas(options.schemas);
  reader.read_extensions();
  reader.read_enums();
  reader.read_domains();
  reader.read_composite_types();
  reader.read_collations();
  reader.read_text_search_configs();
  reader.read_sequences();
  reader.read_tables();
  reader.read_constraints();
  reader.read_views();
  reader.read_indexes();
  reader.read_comments();
  reader.read_policies();
  reader.read_unmanaged();
  reader.read_functions();
  reader.read_aggregates();
  reader.read_triggers();
  // After the functions: their grants are found by oid.
  reader.read_access(options.manage_owners, options.manage_privileges);
  return reader.finish();
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
    connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      connection.execute(kSettings);
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
    std::string search_path, work_mem;
    try {
      connection.count_statement();
      connection.session() << "SELECT pg_catalog.current_setting('search_path'),"
                              " pg_catalog.current_setting('work_mem')",
          soci::into(search_path), soci::into(work_mem);
      connection.execute(kSettings);
      result = read_catalog(connection, options, version);
      connection.count_statement();
      connection.session() << "SELECT pg_catalog.set_config('search_path', :p, true),"
                              " pg_catalog.set_config('work_mem', :w, true)",
          soci::use(search_path), soci::use(work_mem);
    } catch (const soci::soci_error& e) {
      throw DatabaseError(DatabaseError::Kind::kStatement,
                          std::string("saving or restoring settings: ") + e.what());
    }
  }
  result.statements = connection.statements_sent() - before;
  return result;
}

}  // namespace strata::introspect
