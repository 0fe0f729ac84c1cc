#include "support/test_roles.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "db/connection.h"
#include "sql/quote.h"
#include "support/test_database.h"

namespace strata::testing {

TestRoles::TestRoles(std::vector<std::string> names) : names_(std::move(names)) {
  db::Connection conn(server_url());
  for (const auto& n : names_)
    conn.execute("DO $$ BEGIN CREATE ROLE " + sql::quote_ident(n) +
                 "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
}

TestRoles::~TestRoles() {
  try {
    db::Connection conn(server_url());
    for (const auto& n : names_) conn.execute("DROP ROLE IF EXISTS " + sql::quote_ident(n));
  } catch (const std::exception& e) {
    // Another database on the server still names the role: it stays.
    ADD_FAILURE() << "dropping the test roles: " << e.what();
  }
}

std::string unique_role_name(const std::string& prefix) {
  return prefix + "_" + std::to_string(::getpid());
}

}  // namespace strata::testing
