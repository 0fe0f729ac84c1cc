#include "apply/timeouts.h"

#include <algorithm>
#include <string>

#include "apply/soci_errors.h"

namespace strata::apply {

namespace {

std::string ms_setting(std::chrono::milliseconds ms) {
  return std::to_string(std::max<long long>(0, ms.count())) + "ms";
}

}  // namespace

void set_timeouts(db::Connection& conn, std::chrono::milliseconds lock_timeout,
                  std::chrono::milliseconds statement_timeout, bool local) {
  std::string lock = ms_setting(lock_timeout), stmt = ms_setting(statement_timeout);
  soci_call("setting timeouts", [&] {
    std::string a, b;
    conn.count_statement();
    conn.session() << (local ? "SELECT set_config('lock_timeout', :l, true), "
                               "set_config('statement_timeout', :s, true)"
                             : "SELECT set_config('lock_timeout', :l, false), "
                               "set_config('statement_timeout', :s, false)"),
        soci::use(lock), soci::use(stmt), soci::into(a), soci::into(b);
  });
}

void rollback_quietly(db::Connection& conn) {
  try {
    conn.execute("ROLLBACK");
  } catch (...) {
  }
}

}  // namespace strata::apply
