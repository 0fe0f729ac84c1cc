#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::model {

// CREATE POLICY ... FOR command.
enum class PolicyCommand { kAll, kSelect, kInsert, kUpdate, kDelete };

// A row-level security policy of a table (CREATE POLICY name ON table).
// `roles` is sorted and holds "public" for PUBLIC (PostgreSQL reserves that
// name: no role can have it); a policy for PUBLIC only is {"public"}.
// Expressions are kept as written and compared as checks are (offline, then
// by the server).
struct Policy {
  std::string name;
  PolicyCommand command = PolicyCommand::kAll;
  bool permissive = true;  // false: AS RESTRICTIVE
  std::vector<std::string> roles = {"public"};
  std::optional<std::string> using_expr;       // USING (...)
  std::optional<std::string> with_check_expr;  // WITH CHECK (...)

  bool operator==(const Policy&) const = default;
};

// ENABLE / FORCE ROW LEVEL SECURITY of a table.
struct RowSecurity {
  bool enabled = false;
  bool forced = false;

  bool operator==(const RowSecurity&) const = default;
};

// "all", "select", ... as the YAML spells the command.
const char* policy_command_name(PolicyCommand c);
// The command named `word` (case-insensitive), or nullopt.
std::optional<PolicyCommand> policy_command_from(const std::string& word);

}  // namespace strata::model
