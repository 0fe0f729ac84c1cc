#include "app/error_report.h"

#include <filesystem>

#include "apply/precheck_runner.h"
#include "core/error.h"
#include "db/conninfo.h"

namespace strata::app {
namespace {

// "<path>: <reason>" for a filesystem error, with the second path when there is one.
std::string describe(const std::filesystem::filesystem_error& e) {
  std::string where = e.path1().string();
  if (!e.path2().empty()) where += " -> " + e.path2().string();
  std::string reason = e.code().message();
  if (e.code() == std::errc::too_many_symbolic_link_levels)
    reason += " (a symbolic link loop; remove or fix the link)";
  else if (e.code() == std::errc::permission_denied)
    reason += " (check the permissions)";
  else if (e.code() == std::errc::not_a_directory || e.code() == std::errc::file_exists)
    reason += " (a file is where a folder is expected)";
  return (where.empty() ? std::string("file system") : where) + ": " + reason;
}

}  // namespace

ErrorReport report_error(const std::exception& e) {
  ErrorReport r;
  if (const auto* load = dynamic_cast<const LoadError*>(&e)) {
    r.exit_code = kExitUsage;
    for (const auto& d : load->diagnostics()) {
      r.errors.push_back(d.str());
      r.where.push_back(d.where);
    }
    if (r.errors.empty()) r.errors.push_back(load->what());
  } else if (dynamic_cast<const UsageError*>(&e) != nullptr) {
    r.exit_code = kExitUsage;
    r.errors.push_back(e.what());
  } else if (const auto* db = dynamic_cast<const DatabaseError*>(&e)) {
    r.exit_code = db->kind() == DatabaseError::Kind::kUnreachable ? kExitUnreachable : kExitProblems;
    r.sqlstate = db->sqlstate();
    r.lock_busy = db->kind() == DatabaseError::Kind::kOther && db->sqlstate() == "55P03";
    r.errors.push_back(e.what());
  } else if (const auto* pre = dynamic_cast<const apply::PrecheckFailed*>(&e)) {
    r.exit_code = kExitProblems;
    r.errors.push_back(e.what());
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& o : pre->failed())
      checks.push_back({{"revision", pre->revision()},
                        {"kind", o.check.kind},
                        {"description", o.check.description},
                        {"failing_rows", o.failing},
                        {"sample_keys", o.samples}});
    r.prechecks = std::move(checks);
  } else if (dynamic_cast<const Error*>(&e) != nullptr) {
    r.exit_code = kExitProblems;
    r.errors.push_back(e.what());
  } else if (const auto* fs = dynamic_cast<const std::filesystem::filesystem_error*>(&e)) {
    // A path of the project that cannot be read or written (permissions, a
    // symlink loop, a file where a folder belongs): bad input, not a bug.
    r.exit_code = kExitUsage;
    r.errors.push_back(describe(*fs));
  } else {
    r.exit_code = kExitProblems;
    r.errors.push_back(std::string("unexpected: ") + e.what());
  }
  // Messages from the connection are masked where they arise; this masks a
  // password in any URL or keyword string another message might quote.
  for (auto& m : r.errors) m = db::mask_password(m);
  r.where.resize(r.errors.size());
  return r;
}

ErrorReport report_error(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return report_error(ex);
  } catch (...) {
    ErrorReport r;
    r.errors.push_back("unexpected: an unknown error");
    r.where.resize(1);
    return r;
  }
}

void to_json(nlohmann::json& j, const ErrorReport& r) {
  j = nlohmann::json{{"ok", false}, {"exit_code", r.exit_code}, {"errors", r.errors},
                     {"sqlstate", r.sqlstate.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.sqlstate)}};
  j["failed_prechecks"] = r.prechecks;  // null unless apply refused on pre-checks
}

}  // namespace strata::app
