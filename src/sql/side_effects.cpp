#include "sql/side_effects.h"

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>
#include <utility>

#include "sql/parse_result.h"
#include "sql/tree_walk.h"
#include "sql/script.h"

namespace strata::sql {
namespace {

using nlohmann::json;

// Functions refused by exact name, and what they do.
const std::vector<std::pair<std::string_view, std::string_view>>& exact_names() {
  static const std::vector<std::pair<std::string_view, std::string_view>> names = {
      {"setval", "changes a sequence, which no rollback undoes"},
      {"pg_read_file", "reads files on the database server"},
      {"pg_read_binary_file", "reads files on the database server"},
      {"pg_stat_file", "reads files on the database server"},
      {"pg_logdir_ls", "reads files on the database server"},
      {"loread", "reads large objects"},
      {"lowrite", "writes large objects"},
      {"pg_terminate_backend", "ends other sessions"},
      {"pg_cancel_backend", "cancels other sessions' queries"},
      {"set_config", "changes a setting of the session"},
      {"pg_notify", "sends a notification"},
      {"pg_reload_conf", "administers the server"},
      {"pg_rotate_logfile", "administers the server"},
      {"pg_promote", "administers the server"},
      {"pg_switch_wal", "administers the server"},
      {"pg_start_backup", "administers the server"},
      {"pg_stop_backup", "administers the server"},
      {"pg_log_backend_memory_contexts", "administers the server"},
      {"pg_import_system_collations", "administers the server"},
  };
  return names;
}

// Functions refused by the start of their name.
const std::vector<std::pair<std::string_view, std::string_view>>& name_prefixes() {
  static const std::vector<std::pair<std::string_view, std::string_view>> prefixes = {
      {"pg_ls_", "lists files on the database server"},
      {"pg_file_", "reads or writes files on the database server"},
      {"lo_", "reads or writes large objects (and, through them, server files)"},
      {"dblink", "connects to another database"},
      {"pg_sleep", "sleeps"},
      {"pg_advisory_", "takes or releases an advisory lock, which can outlive the transaction"},
      {"pg_try_advisory_", "takes an advisory lock, which can outlive the transaction"},
      {"txid_", "depends on the transaction running it"},
      {"pg_current_xact_id", "depends on the transaction running it"},
      {"query_to_xml", "runs a query given as text"},
      {"cursor_to_xml", "reads a cursor given by name"},
      {"pg_backup_", "administers the server"},
      {"pg_create_", "administers the server"},
      {"pg_drop_", "administers the server"},
      {"pg_replication_", "administers the server"},
      {"pg_logical_", "administers the server"},
      {"pg_copy_", "administers the server"},
      {"pg_wal_replay_", "administers the server"},
      {"pg_stat_reset", "administers the server"},
  };
  return prefixes;
}

bool is_sequence_function(std::string_view name) {
  return name == "nextval" || name == "currval" || name == "lastval";
}

// The String values of a list node ([{"String": {"sval": "x"}}, ...]).
std::vector<std::string> strings_of(const json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    auto s = item.find("String");
    out.push_back(s != item.end() && s->is_object() ? s->value("sval", "") : "");
  }
  return out;
}

// Statement kinds codegen writes.
const std::set<std::string>& generated_kinds() {
  static const std::set<std::string> kinds = {
      "CreateSchemaStmt", "CreateExtensionStmt", "AlterExtensionStmt", "CreateEnumStmt",
      "AlterEnumStmt",    "CreateSeqStmt",       "AlterSeqStmt",       "CreateStmt",
      "AlterTableStmt",   "IndexStmt",           "ViewStmt",           "CreateTableAsStmt",
      "DropStmt",         "RenameStmt",          "CommentStmt",        "GrantStmt",
      "CreateTrigStmt",   "RuleStmt",            "CreateDomainStmt",   "AlterDomainStmt",
      "RefreshMatViewStmt", "CompositeTypeStmt",   "DefineStmt",         "AlterTSConfigurationStmt",
      "CreateFunctionStmt", "CreatePolicyStmt",   "AlterPolicyStmt",    "AlterOwnerStmt"};
  return kinds;
}

std::optional<RefusedCall> first_refused(const json& tree, ExpressionUse use, int shift) {
  for (const auto& call : function_calls(tree))
    if (auto reason = refused_call(call, use))
      return RefusedCall{call, *reason, std::max(0, call.location - shift)};
  return std::nullopt;
}

}  // namespace

std::vector<FunctionCall> function_calls(const json& tree) {
  std::vector<FunctionCall> out;
  for_each_object(tree, [&](const json& node) {
    auto f = node.find("FuncCall");
    if (f != node.end() && f->is_object()) {
      std::vector<std::string> names = strings_of(f->value("funcname", json::array()));
      FunctionCall call;
      if (!names.empty()) call.name = names.back();
      if (names.size() >= 2) call.schema = names[names.size() - 2];
      auto loc = f->find("location");
      if (loc != f->end() && loc->is_number_integer()) call.location = loc->get<int>();
      out.push_back(std::move(call));
    }
    return true;
  });
  std::stable_sort(out.begin(), out.end(), [](const FunctionCall& a, const FunctionCall& b) {
    return a.location < b.location;
  });
  return out;
}

std::optional<std::string> refused_call(const FunctionCall& call, ExpressionUse use) {
  const std::string& name = call.name;
  auto refused = [&](std::string_view why) { return name + "() " + std::string(why); };
  if (is_sequence_function(name)) {
    if (use == ExpressionUse::kColumnDefault) return std::nullopt;
    return refused(name == "nextval"
                       ? "advances a sequence, which no rollback undoes; it is allowed only "
                         "as a column default"
                       : "is allowed only as a column default");
  }
  for (const auto& [exact, why] : exact_names())
    if (name == exact) return refused(why);
  for (const auto& [prefix, why] : name_prefixes())
    if (name.starts_with(prefix)) return refused(why);
  return std::nullopt;
}

static std::optional<RefusedCall> find_refused_call_uncached(std::string_view expression, ExpressionUse use) {
  static constexpr std::string_view kPrefix = "SELECT (";
  auto r = parse(std::string(kPrefix) + std::string(expression) + "\n)");
  if (!r.ok()) return std::nullopt;
  return first_refused(*r.tree, use, static_cast<int>(kPrefix.size()));
}

std::optional<RefusedCall> find_refused_call(std::string_view expression, ExpressionUse use) {
  // Pure in its text: models repeat the same expressions on many tables, so
  // each is worked out once per thread. Bounded.
  // Only short texts are kept: the cache stays small whatever the input.
  if (expression.size() > 1024) return find_refused_call_uncached(expression, use);
  thread_local std::unordered_map<std::string, std::optional<RefusedCall>> memo;
  std::string key = (use == ExpressionUse::kColumnDefault ? "d" : "o") + std::string(expression);
  auto hit = memo.find(key);
  if (hit != memo.end()) return hit->second;
  if (memo.size() >= 16384) memo.clear();
  std::optional<RefusedCall> out = find_refused_call_uncached(expression, use);
  memo.emplace(std::move(key), out);
  return out;
}

std::optional<RefusedCall> find_refused_query_call(std::string_view query) {
  auto r = parse(query);
  if (!r.ok()) return std::nullopt;
  return first_refused(*r.tree, ExpressionUse::kOther, 0);
}

std::optional<std::string> generated_script_problem(std::string_view script) {
  SplitResult split = split_script(script);
  if (!split.ok()) return "it does not parse: " + split.error->str();
  int n = 0;
  for (const auto& st : split.statements) {
    ++n;
    std::string where = "statement " + std::to_string(n) + " (line " + std::to_string(st.line) + ")";
    auto r = parse(st.text);
    if (!r.ok()) return where + " cannot be checked: " + r.error->message;
    const json& stmts = r.tree->value("stmts", json::array());
    if (stmts.size() != 1) return where + " is not one statement";
    const json& stmt = stmts[0].value("stmt", json::object());
    std::string kind = stmt.is_object() && !stmt.empty() ? stmt.begin().key() : "empty statement";
    bool allowed = generated_kinds().count(kind) > 0;
    // CREATE TABLE AS and SELECT INTO share a node; codegen writes only
    // CREATE MATERIALIZED VIEW.
    if (kind == "CreateTableAsStmt") allowed = stmt[kind].value("objtype", "") == "OBJECT_MATVIEW";
    // CREATE AGGREGATE, CREATE COLLATION and CREATE TEXT SEARCH CONFIGURATION
    // are the DefineStmts codegen writes.
    if (kind == "DefineStmt") {
      std::string object = stmt[kind].value("kind", "");
      allowed = object == "OBJECT_AGGREGATE" || object == "OBJECT_COLLATION" ||
                object == "OBJECT_TSCONFIGURATION";
    }
    // A view of a schema other than public is created under its own
    // search_path (SET search_path TO ...; ... RESET search_path).
    // A sql function is created with check_function_bodies off (SET LOCAL).
    if (kind == "VariableSetStmt")
      allowed = stmt[kind].value("name", "") == "search_path" ||
                (stmt[kind].value("name", "") == "check_function_bodies" && stmt[kind].value("is_local", false));
    // Grants and revokes on the objects whose privileges Strata manages
    // (and the grants a view dropped and created again gets back); never a
    // role's membership (GrantRoleStmt).
    if (kind == "GrantStmt") {
      static const std::set<std::string> objects = {"OBJECT_TABLE", "OBJECT_SEQUENCE", "OBJECT_SCHEMA",
                                                    "OBJECT_TYPE", "OBJECT_FUNCTION", "OBJECT_PROCEDURE",
                                                    "OBJECT_ROUTINE"};
      allowed = objects.count(stmt[kind].value("objtype", "")) > 0;
    }
    if (!allowed) return where + " is a " + kind + ", which Strata never generates";
    // Creating a function runs none of its body.
    if (kind == "CreateFunctionStmt") continue;
    if (auto call = first_refused(stmt, ExpressionUse::kColumnDefault, 0))
      return where + ": " + call->reason;
  }
  return std::nullopt;
}

}  // namespace strata::sql
