#pragma once

// A scratch database on a PostgreSQL server, dropped when it goes away.
//
// `create` proves revisions in one (a schema-only copy of the target's
// catalog, see catalog_copy.h) and replays the applied chain in another, so
// that neither the proof nor the replay touches the target's rows or locks.
// A shadow is named strata_shadow_<pid>_<unix seconds>_<random> (see
// shadow_name.h) and dropped by the destructor, also when the caller leaves
// by an exception. A process killed before that leaves its shadow behind:
// every new ShadowDatabase first removes the shadows on its server that no
// session is connected to and whose name is older than `stale_after` (a
// shadow in use always has its creator's session connected; the age only
// covers the moment between CREATE DATABASE and that session's connecting).
// DROP DATABASE without FORCE refuses a database someone is connected to,
// so a shadow that comes into use meanwhile is never removed.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"

namespace strata::shadow {

struct ShadowOptions {
  // Any database on the server the shadow is created on, as a libpq URI or
  // keyword string; the role must be allowed to create databases there.
  std::string server_url;
  // CREATE DATABASE ... ENCODING / LC_COLLATE / LC_CTYPE; empty: the
  // server's defaults (template0's).
  std::string encoding;
  std::string collate;
  std::string ctype;
  // Shadows older than this with nobody connected are removed.
  std::chrono::seconds stale_after{120};
};

// True when the role of `conn` may create databases (superuser or CREATEDB).
bool may_create_databases(db::Connection& conn);

// `url` (a libpq URI or keyword string) pointing at database `dbname`
// instead, as a keyword string; every other parameter is kept.
std::string with_database(const std::string& url, const std::string& dbname);

// Removes the stale shadows (see above) on the server `admin` is connected
// to; returns their names. A shadow it may not drop (another role's) is
// skipped. Never throws for one shadow's failure.
std::vector<std::string> sweep_stale(db::Connection& admin, std::chrono::seconds stale_after);

class ShadowDatabase {
 public:
  // Connects to options.server_url, sweeps stale shadows, creates a new
  // empty database from template0 and connects to it. Throws DatabaseError
  // (kPermission when the role may not create databases) or Error.
  explicit ShadowDatabase(const ShadowOptions& options);
  // Drops the database; errors are swallowed (the next sweep removes it).
  ~ShadowDatabase();
  ShadowDatabase(const ShadowDatabase&) = delete;
  ShadowDatabase& operator=(const ShadowDatabase&) = delete;

  const std::string& name() const { return name_; }
  // Keyword string of the shadow (carries the server URL's password).
  const std::string& url() const { return url_; }
  db::Connection& connection() { return *conn_; }
  // The stale shadows removed when this one was created.
  const std::vector<std::string>& swept() const { return swept_; }

  // Closes the connection and drops the database; throws when the drop
  // fails. Called by the destructor (which swallows errors) when not before.
  void drop();

 private:
  std::unique_ptr<db::Connection> admin_;
  std::unique_ptr<db::Connection> conn_;
  std::string name_;
  std::string url_;
  std::vector<std::string> swept_;
  bool dropped_ = false;
};

}  // namespace strata::shadow
