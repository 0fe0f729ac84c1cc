#include "shadow/shadow_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <random>

#include "core/error.h"
#include "shadow/shadow_name.h"
#include "sql/quote.h"

namespace strata::shadow {
namespace {

std::string keyword_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::uint32_t random_part() {
  std::random_device rd;
  return static_cast<std::uint32_t>(rd());
}

}  // namespace

bool may_create_databases(db::Connection& conn) {
  return conn.query_value("SELECT (rolcreatedb OR rolsuper)::int FROM pg_catalog.pg_roles "
                          "WHERE rolname = current_user") == "1";
}

std::string with_database(const std::string& url, const std::string& dbname) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) throw DatabaseError(DatabaseError::Kind::kUnreachable, "invalid database URL for the shadow database");
  std::string out;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val || std::string(o->keyword) == "dbname") continue;
    out += std::string(o->keyword) + "=" + keyword_value(o->val) + " ";
  }
  PQconninfoFree(opts);
  return out + "dbname=" + keyword_value(dbname);
}

std::vector<std::string> sweep_stale(db::Connection& admin, std::chrono::seconds stale_after) {
  // Shadows nobody is connected to; their age comes from their names.
  std::string names = admin.query_value(
      "SELECT string_agg(d.datname, ' ' ORDER BY d.datname) FROM pg_catalog.pg_database d "
      "WHERE d.datname LIKE 'strata\\_shadow\\_%' "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid)");
  std::vector<std::string> removed;
  auto now = std::chrono::system_clock::now();
  std::size_t start = 0;
  while (start < names.size()) {
    std::size_t end = names.find(' ', start);
    if (end == std::string::npos) end = names.size();
    std::string name = names.substr(start, end - start);
    start = end + 1;
    if (!older_than(name, now, stale_after)) continue;
    try {
      admin.execute("DROP DATABASE IF EXISTS " + sql::quote_ident(name));
      removed.push_back(name);
    } catch (const DatabaseError& e) {
      if (e.kind() == DatabaseError::Kind::kUnreachable) throw;
    }
  }
  return removed;
}

ShadowDatabase::ShadowDatabase(const ShadowOptions& options) {
  admin_ = std::make_unique<db::Connection>(options.server_url);
  if (!may_create_databases(*admin_))
    throw DatabaseError(DatabaseError::Kind::kPermission,
                        "role " + admin_->query_value("SELECT current_user") + " may not create databases on " +
                            admin_->endpoint().str());
  swept_ = sweep_stale(*admin_, options.stale_after);
  name_ = make_name(static_cast<long>(::getpid()), std::chrono::system_clock::now(), random_part());
  std::string create = "CREATE DATABASE " + sql::quote_ident(name_) + " TEMPLATE template0";
  if (!options.encoding.empty()) create += " ENCODING " + sql::quote_literal(options.encoding);
  if (!options.collate.empty()) create += " LC_COLLATE " + sql::quote_literal(options.collate);
  if (!options.ctype.empty()) create += " LC_CTYPE " + sql::quote_literal(options.ctype);
  admin_->execute(create);
  url_ = with_database(options.server_url, name_);
  try {
    conn_ = std::make_unique<db::Connection>(url_);
    // Scratch: nothing in it has to survive a crash.
    conn_->execute("SET synchronous_commit = off");
  } catch (...) {
    try {
      admin_->execute("DROP DATABASE IF EXISTS " + sql::quote_ident(name_));
    } catch (...) {
    }
    dropped_ = true;
    throw;
  }
}

ShadowDatabase::~ShadowDatabase() {
  try {
    drop();
  } catch (...) {
  }
}

void ShadowDatabase::drop() {
  if (dropped_) return;
  dropped_ = true;
  conn_.reset();
  // The session just closed may still be leaving the server: DROP DATABASE
  // waits up to 5 s for it by itself, then refuses; try a few times.
  for (int attempt = 0;; ++attempt) {
    try {
      admin_->execute("DROP DATABASE IF EXISTS " + sql::quote_ident(name_));
      return;
    } catch (const DatabaseError& e) {
      if (e.sqlstate() != "55006" || attempt >= 3) throw;
    }
  }
}

}  // namespace strata::shadow
