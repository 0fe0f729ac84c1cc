#pragma once

// Translating SOCI's exceptions into DatabaseError where they enter (the
// apply library's own helper; not part of its interface).

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <string>

#include "core/error.h"

namespace strata::apply {

// Runs `fn` (a SOCI call); a soci_error becomes DatabaseError(kStatement)
// with SQLSTATE when PostgreSQL gave one, `what` prefixed to its message.
template <typename Fn>
auto soci_call(const std::string& what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const soci::postgresql_soci_error& e) {
    std::string state = e.sqlstate();
    auto kind = state == "42501" ? DatabaseError::Kind::kPermission
                                 : DatabaseError::Kind::kStatement;
    throw DatabaseError(kind, what + ": " + e.get_error_message(), state);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(DatabaseError::Kind::kStatement, what + ": " + e.get_error_message());
  }
}

}  // namespace strata::apply
