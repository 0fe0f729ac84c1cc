#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/error.h"

struct pg_conn;

namespace strata::db {

// Where a connection string points, for messages (never includes a password).
struct Endpoint {
  std::string host;
  std::string port;
  std::string dbname;
  std::string user;

  std::string str() const;
};

// One PostgreSQL connection. Owns a SOCI session; exposes the libpq handle
// for what SOCI cannot do (multi-statement scripts, error positions).
class Connection {
 public:
  // Opens a connection from a libpq URI ("postgresql://...") or keyword
  // string ("host=... dbname=..."). Throws DatabaseError(kUnreachable) with
  // host, port and libpq's reason when the server cannot be reached.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  soci::session& session() { return *session_; }
  pg_conn* native();

  // Runs one or more statements with no parameters and no result (simple
  // query protocol). Throws DatabaseError(kStatement) carrying SQLSTATE,
  // the server's message and, when the server gives one, the 1-based byte
  // position of the error in `sql`.
  void execute(std::string_view sql);

  // Which statement of execute_each failed, and how (DatabaseError as
  // execute() throws it, position within that statement).
  struct StatementFailure {
    std::size_t index;
    DatabaseError error;
  };

  // Runs `statements` in order, each one alone (one statement per text, no
  // parameters, extended query protocol), sent in batches through libpq's
  // pipeline mode: one round trip per batch instead of one per statement.
  // Stops at the first statement that fails and returns it; the rest are
  // not run, and an open transaction is then aborted (the caller rolls it
  // back). Throws DatabaseError(kUnreachable) when the connection is lost.
  // Requires: no COPY statements; the connection is idle or in a transaction.
  // `running`, when given, is called with a statement's index just before
  // its result is awaited: results come in order, so that is the statement
  // the server is running (or has just finished).
  std::optional<StatementFailure> execute_each(const std::vector<std::string_view>& statements,
                                               const std::function<void(std::size_t)>& running = {});

  // Runs a query with no parameters and returns the first column of the
  // first row as text (empty when there is no row or it is NULL).
  std::string query_value(std::string_view sql);

  // Number of statements sent through this connection (for tests that
  // bound the number of round trips).
  int statements_sent() const { return statements_sent_; }
  void count_statement() { ++statements_sent_; }

  const Endpoint& endpoint() const { return endpoint_; }
  int server_version_num();

 private:
  std::unique_ptr<soci::session> session_;
  Endpoint endpoint_;
  int statements_sent_ = 0;
};

// Parses host/port/dbname/user out of a libpq connection string or URI.
Endpoint parse_endpoint(const std::string& url);

}  // namespace strata::db
