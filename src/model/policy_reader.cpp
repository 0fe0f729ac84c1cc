#include "model/policy_reader.h"

#include <algorithm>

#include "model/access_reader.h"

namespace strata::model {

const char* const kRowSecurityKeys[3] = {"row_level_security", "force_row_level_security",
                                         "policies"};

namespace {

const std::vector<std::string> kPolicyKeys = {"command", "restrictive", "roles", "using",
                                              "with_check"};

std::optional<std::string> read_expression(YamlFields& y, std::map<std::string, YamlFields::Entry>& f,
                                           const char* key, const std::string& what) {
  auto it = f.find(key);
  if (it == f.end()) return std::nullopt;
  auto v = y.string(it->second.value, key);
  if (!v || !y.expression(it->second.value, *v, what)) return std::nullopt;
  return v;
}

void read_roles(YamlFields& y, const YamlNode& n, const std::string& policy, Policy& p) {
  std::vector<std::string> roles;
  for (const auto& item : items(n)) {
    auto name = y.name(item, "policy role");
    if (!name) continue;
    if (auto role = read_role(y, item, *name)) roles.push_back(std::move(*role));
  }
  if (roles.empty()) {
    y.error(n, "policy '" + policy + "' names no role (write `roles: [public]` for every role)");
    return;
  }
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  if (roles.size() > 1 && std::count(roles.begin(), roles.end(), "public")) {
    y.error(n, "policy '" + policy + "' names public beside other roles: public already "
                                     "covers every role (write `roles: [public]`)");
    return;
  }
  p.roles = std::move(roles);
}

void read_policy(YamlFields& y, const std::string& schema, const std::string& table,
                 const std::string& name, const YamlFields::Entry& e, Policy& p) {
  p.name = name;
  auto f = y.fields(e.value, "policy '" + name + "'", kPolicyKeys);
  if (!e.value.is_map()) return;
  y.ctx().mark(loc_key("policy", schema, table, name), y.loc(e.key));
  if (auto it = f.find("command"); it != f.end()) {
    if (auto word = y.string(it->second.value, "command")) {
      if (auto c = policy_command_from(*word)) {
        p.command = *c;
      } else {
        y.error(it->second.value, "unknown policy command '" + *word +
                                      "' (use all, select, insert, update or delete)");
      }
    }
  }
  if (auto it = f.find("restrictive"); it != f.end())
    if (auto b = y.boolean(it->second.value, "restrictive")) p.permissive = !*b;
  if (auto it = f.find("roles"); it != f.end()) read_roles(y, it->second.value, name, p);
  p.using_expr = read_expression(y, f, "using", "policy '" + name + "' USING");
  p.with_check_expr = read_expression(y, f, "with_check", "policy '" + name + "' WITH CHECK");
  // PostgreSQL refuses these combinations; say so before it does.
  if (p.with_check_expr && p.command == PolicyCommand::kSelect)
    y.error(f["with_check"].value, "a select policy has no with_check (only using applies to "
                                   "rows read); drop with_check or change the command");
  if (p.using_expr && p.command == PolicyCommand::kInsert)
    y.error(f["using"].value, "an insert policy has no using (only with_check applies to rows "
                              "added); write the expression as with_check");
}

}  // namespace

void read_row_security(YamlFields& y, const std::string& schema,
                       std::map<std::string, YamlFields::Entry>& f, Table& t) {
  if (auto it = f.find("row_level_security"); it != f.end())
    if (auto b = y.boolean(it->second.value, "row_level_security")) t.row_security.enabled = *b;
  if (auto it = f.find("force_row_level_security"); it != f.end())
    if (auto b = y.boolean(it->second.value, "force_row_level_security")) t.row_security.forced = *b;
  auto it = f.find("policies");
  if (it == f.end()) return;
  for (auto& [name, e] : y.entries(it->second.value, "policies", "policy")) {
    if (!y.identifier(e.key, name, "policy")) continue;
    Policy p;
    read_policy(y, schema, t.name, name, e, p);
    t.policies[name] = std::move(p);
  }
}

}  // namespace strata::model
