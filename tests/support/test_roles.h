#pragma once

#include <string>
#include <vector>

namespace strata::testing {

// Roles a test needs on the test server (roles are server-wide, outside any
// database): created when missing, dropped when this goes away. Declare it
// before the TestDatabase objects that use the roles, so that the databases
// (holding the grants and policies that name them) are dropped first.
class TestRoles {
 public:
  explicit TestRoles(std::vector<std::string> names);
  ~TestRoles();
  TestRoles(const TestRoles&) = delete;
  TestRoles& operator=(const TestRoles&) = delete;

  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

// "<prefix>_<pid>": a role name no other test run on the server uses.
std::string unique_role_name(const std::string& prefix);

}  // namespace strata::testing
