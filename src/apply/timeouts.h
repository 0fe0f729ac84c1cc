#pragma once

// lock_timeout and statement_timeout, as the applier and the pre-checks set
// them, and the small session helpers the applier's parts share.

#include <chrono>

#include "db/connection.h"

namespace strata::apply {

// Sets lock_timeout and statement_timeout (0: no limit) with set_config,
// for the open transaction when `local`, else for the session.
void set_timeouts(db::Connection& conn, std::chrono::milliseconds lock_timeout,
                  std::chrono::milliseconds statement_timeout, bool local);

// ROLLBACK, ignoring any error: used on the way out of a failed transaction,
// where the first error is the one to report.
void rollback_quietly(db::Connection& conn);

// Whole milliseconds from `start` to now (steady clock).
inline long long ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace strata::apply
