#include "lint/access_rules.h"

#include "sql/text.h"

namespace strata::lint {
namespace {

using nlohmann::json;

std::string policy_on(const json& s) {
  return sql::visible(text_of(s, "policy_name")) + " ON " + table_of(at(s, "table")).shown();
}

// "SELECT, UPDATE", or ALL PRIVILEGES when the statement lists none.
std::string privileges_of(const json& s) {
  std::string out;
  for (const auto& p : at(s, "privileges")) {
    std::string name = text_of(at(p, "AccessPriv"), "priv_name");
    for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    out += (out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "ALL PRIVILEGES" : out;
}

std::string grantees_of(const json& s) {
  std::string out;
  for (const auto& g : at(s, "grantees")) {
    const json& r = at(g, "RoleSpec");
    std::string type = text_of(r, "roletype");
    std::string who = type == "ROLESPEC_PUBLIC"         ? "PUBLIC"
                      : type == "ROLESPEC_CURRENT_USER" ? "CURRENT_USER"
                      : type == "ROLESPEC_SESSION_USER" ? "SESSION_USER"
                                                        : sql::visible(text_of(r, "rolename"));
    out += (out.empty() ? "" : ", ") + who;
  }
  return out;
}

}  // namespace

std::vector<StatementHazard> access_statement_hazards(const json& stmt) {
  std::vector<StatementHazard> out;
  if (const json& s = at(stmt, "CreatePolicyStmt"); s.is_object()) {
    if (!flag(s, "permissive"))  // libpg_query leaves false members out
      out.push_back({HazardKind::kBreaksRunningCode,
                     "CREATE POLICY " + policy_on(s) +
                         " AS RESTRICTIVE hides rows that roles see now; check that every role the "
                         "application uses passes it"});
  } else if (const json& s = at(stmt, "AlterPolicyStmt"); s.is_object()) {
    if (!at(s, "roles").is_null() || !at(s, "qual").is_null() || !at(s, "with_check").is_null())
      out.push_back({HazardKind::kBreaksRunningCode,
                     "ALTER POLICY " + policy_on(s) +
                         " changes which rows roles see or write: code that relied on the old rule gets "
                         "other rows, or fails to write"});
  } else if (const json& s = at(stmt, "GrantStmt"); s.is_object()) {
    // REVOKE GRANT OPTION FOR keeps the privilege itself.
    if (!flag(s, "is_grant") && !flag(s, "grant_option"))
      out.push_back({HazardKind::kBreaksRunningCode,
                     "REVOKE " + privileges_of(s) + " from " + grantees_of(s) +
                         " breaks code running as them that still uses the privilege; stop using it first"});
  }
  return out;
}

StatementHazard drop_policy_hazard(const Table& table, const std::string& policy) {
  return {HazardKind::kBreaksRunningCode,
          "DROP POLICY " + sql::visible(policy) + " ON " + table.shown() +
              ": rows it granted are hidden from roles that read them through it (a restrictive "
              "policy dropped shows more rows instead)"};
}

Table partition_of_command(const json& cmd) { return table_of(at(at(at(cmd, "def"), "PartitionCmd"), "name")); }

std::optional<StatementHazard> table_access_hazard(const Table& table, const json& cmd, bool table_is_new,
                                                   bool partition_is_new) {
  std::string subtype = text_of(cmd, "subtype");
  if (subtype == "AT_EnableRowSecurity" && !table_is_new)
    return StatementHazard{HazardKind::kBreaksRunningCode,
                           "ENABLE ROW LEVEL SECURITY on " + table.shown() +
                               ": roles without a policy that grants them rows see none (the table's owner "
                               "still sees all); create the policies first"};
  if (subtype == "AT_ForceRowSecurity" && !table_is_new)
    return StatementHazard{HazardKind::kBreaksRunningCode,
                           "FORCE ROW LEVEL SECURITY on " + table.shown() +
                               ": the table's owner sees only the rows its policies grant, too"};
  if (subtype == "AT_AttachPartition" && !partition_is_new) {
    Table p = partition_of_command(cmd);
    return StatementHazard{HazardKind::kBlocksWrites,
                           "ATTACH PARTITION scans " + p.shown() + " to check its rows against the bound "
                               "while writes to it wait (and " + table.shown() +
                               " is locked against schema changes); add a CHECK constraint that implies "
                               "the bound and VALIDATE it first: the scan is skipped"};
  }
  if ((subtype == "AT_DetachPartition" || subtype == "AT_DetachPartitionFinalize") && !partition_is_new) {
    Table p = partition_of_command(cmd);
    return StatementHazard{HazardKind::kBreaksRunningCode,
                           "rows of " + p.shown() + " are no longer read or written through " + table.shown() +
                               " once DETACH PARTITION commits"};
  }
  return std::nullopt;
}

}  // namespace strata::lint
