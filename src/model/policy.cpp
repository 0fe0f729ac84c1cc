#include "model/policy.h"

#include <cctype>

namespace strata::model {

const char* policy_command_name(PolicyCommand c) {
  switch (c) {
    case PolicyCommand::kAll: return "all";
    case PolicyCommand::kSelect: return "select";
    case PolicyCommand::kInsert: return "insert";
    case PolicyCommand::kUpdate: return "update";
    case PolicyCommand::kDelete: return "delete";
  }
  return "all";
}

std::optional<PolicyCommand> policy_command_from(const std::string& word) {
  std::string w;
  for (char ch : word) w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (PolicyCommand c : {PolicyCommand::kAll, PolicyCommand::kSelect, PolicyCommand::kInsert,
                          PolicyCommand::kUpdate, PolicyCommand::kDelete})
    if (w == policy_command_name(c)) return c;
  return std::nullopt;
}

}  // namespace strata::model
