// Roles stay outside the models: a role the models name must exist on the
// server, else the error says where it is named and how to fix it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/project.h"
#include "core/error.h"
#include "db/connection.h"
#include "model/yaml_loader.h"
#include "support/test_database.h"
#include "support/test_roles.h"

namespace strata::app {
namespace {

namespace fs = std::filesystem;

class RoleCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata_role_check_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  model::Schema load(const std::string& yaml, model::SourceMap& where) {
    std::ofstream(dir_ / "models.yaml") << yaml;
    return model::load_directory(dir_, where);
  }

  fs::path dir_;
};

TEST_F(RoleCheck, TheHintQuotesARoleNameThatNeedsIt) {
  testing::TestDatabase db;
  db::Connection conn(db.url());
  model::SourceMap where;
  model::Schema s = load("tables:\n"
                         "  docs:\n"
                         "    columns: {id: bigint}\n"
                         "    policies:\n"
                         "      p: {roles: [\"No Such Role; x\"], using: \"true\"}\n",
                         where);
  std::vector<Diagnostic> missing = missing_roles(conn, s, where, diff::Options{});
  ASSERT_EQ(missing.size(), 1u) << "a missing policy role must be reported";
  EXPECT_NE(missing[0].message.find("(CREATE ROLE \"No Such Role; x\")"), std::string::npos) << missing[0].message;
}

TEST_F(RoleCheck, AMissingRoleIsAnErrorAtItsFirstMention) {
  std::string present = testing::unique_role_name("strata_role_check_present");
  std::string missing = testing::unique_role_name("strata_role_check_missing");
  std::string owner = testing::unique_role_name("strata_role_check_owner");
  testing::TestRoles roles({present});
  testing::TestDatabase db;
  db::Connection conn(db.url());
  model::SourceMap where;
  model::Schema s = load("tables:\n"
                         "  docs:\n"
                         "    owner: " + owner + "\n"
                         "    columns: {id: bigint}\n"
                         "    policies:\n"
                         "      p: {roles: [" + present + ", " + missing + "], using: \"true\"}\n",
                         where);
  diff::Options unmanaged;
  std::vector<Diagnostic> found = missing_roles(conn, s, where, unmanaged);
  ASSERT_EQ(found.size(), 1u) << "a missing policy role must be reported";
  const Diagnostic& d = found[0];
  EXPECT_EQ(d.where.line, 6);
  EXPECT_EQ(d.where.column, 21 + static_cast<int>(present.size()));
  EXPECT_NE(d.message.find("role '" + missing + "' does not exist on the server"), std::string::npos);
  EXPECT_NE(d.message.find("CREATE ROLE " + missing), std::string::npos);
  // With owners managed, the owner is checked too.
  diff::Options managed;
  managed.manage_owners = true;
  found = missing_roles(conn, s, where, managed);
  ASSERT_EQ(found.size(), 2u) << "a missing owner must be reported";
  EXPECT_NE((found[0].message + found[1].message).find("role '" + owner + "'"), std::string::npos);
}

TEST_F(RoleCheck, ExistingRolesAndPublicPass) {
  std::string reader = testing::unique_role_name("strata_role_check_reader");
  testing::TestRoles roles({reader});
  testing::TestDatabase db;
  db::Connection conn(db.url());
  model::SourceMap where;
  model::Schema s = load("tables:\n"
                         "  docs:\n"
                         "    columns: {id: bigint}\n"
                         "    grants: {" + reader + ": [select], public: [select]}\n"
                         "    policies:\n"
                         "      p: {roles: [public]}\n",
                         where);
  diff::Options managed;
  managed.manage_privileges = true;
  EXPECT_EQ(missing_roles(conn, s, where, managed), std::vector<Diagnostic>{});
}

}  // namespace
}  // namespace strata::app
