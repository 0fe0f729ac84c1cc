#pragma once

// The hazard rules of statements that change who sees which rows (row-level
// security, policies, grants) and of attaching and detaching partitions:
// the kinds the differ gives the same changes (diff/hazard.cpp). Internal to
// statement_rules.cpp.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/parse_tree.h"
#include "lint/statement_rules.h"

namespace strata::lint {

// CreatePolicyStmt (a restrictive one hides rows), AlterPolicyStmt (new
// roles, USING or WITH CHECK) and GrantStmt (a REVOKE of privileges);
// nothing for any other statement.
std::vector<StatementHazard> access_statement_hazards(const nlohmann::json& stmt);

// DROP POLICY `policy` ON `table` (a table created earlier in the file is
// the caller's to skip).
StatementHazard drop_policy_hazard(const Table& table, const std::string& policy);

// One AlterTableCmd of ALTER TABLE `table`: ENABLE or FORCE ROW LEVEL
// SECURITY, ATTACH PARTITION, DETACH PARTITION; nullopt for any other
// command. `table_is_new` and `partition_is_new` tell a table created
// earlier in the file (no rows, no code reading it yet).
std::optional<StatementHazard> table_access_hazard(const Table& table, const nlohmann::json& cmd,
                                                   bool table_is_new, bool partition_is_new);

// The partition an ATTACH or DETACH PARTITION command names.
Table partition_of_command(const nlohmann::json& cmd);

}  // namespace strata::lint
