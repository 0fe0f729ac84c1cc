#pragma once

// lock_timeout and statement_timeout, as the applier and the pre-checks set them.

#include <chrono>

#include "db/connection.h"

namespace strata::apply {

// Sets lock_timeout and statement_timeout (0: no limit) with set_config,
// for the open transaction when `local`, else for the session.
void set_timeouts(db::Connection& conn, std::chrono::milliseconds lock_timeout,
                  std::chrono::milliseconds statement_timeout, bool local);

}  // namespace strata::apply
