#pragma once

// A schema-only copy of a database's catalog into a shadow database.

#include <string>

#include "apply/pg_tools.h"

namespace strata::shadow {

struct CopyOptions {
  apply::PgToolOptions tools;
  // The source server's major version (pg_dump must be at least as new).
  int source_major = 0;
  // Keep owners and privileges (the shadow is on the source's server, where
  // the roles exist). false: --no-owner --no-privileges.
  bool owners_and_privileges = true;
};

// Runs `pg_dump --schema-only` on `source_url` (everything but Strata's own
// `strata` schema; no publications, subscriptions, security labels or
// tablespaces) and runs its script in the database at `shadow_url` on a
// connection of its own, a hundred statements per round trip, each batch in
// its own transaction (so a catalog of 10,000 tables does not need 10,000
// locks at once). No row is copied. An INVALID index (which pg_dump leaves
// out) is created in the shadow from its definition, valid. The password reaches pg_dump through
// PGPASSWORD, never its command line. Throws strata::Error saying which
// statement failed, or pg_dump's stderr.
void copy_catalog(const std::string& source_url, const std::string& shadow_url, const CopyOptions& options);

}  // namespace strata::shadow
