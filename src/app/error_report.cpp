#include "app/error_report.h"

#include "core/error.h"

namespace strata::app {

ErrorReport report_error(const std::exception& e) {
  ErrorReport r;
  if (const auto* load = dynamic_cast<const LoadError*>(&e)) {
    r.exit_code = kExitUsage;
    for (const auto& d : load->diagnostics()) r.errors.push_back(d.str());
    if (r.errors.empty()) r.errors.push_back(load->what());
  } else if (dynamic_cast<const UsageError*>(&e) != nullptr) {
    r.exit_code = kExitUsage;
    r.errors.push_back(e.what());
  } else if (const auto* db = dynamic_cast<const DatabaseError*>(&e)) {
    r.exit_code = db->kind() == DatabaseError::Kind::kUnreachable ? kExitUnreachable : kExitProblems;
    r.sqlstate = db->sqlstate();
    r.lock_busy = db->kind() == DatabaseError::Kind::kOther && db->sqlstate() == "55P03";
    r.errors.push_back(e.what());
  } else if (dynamic_cast<const Error*>(&e) != nullptr) {
    r.exit_code = kExitProblems;
    r.errors.push_back(e.what());
  } else {
    r.exit_code = kExitProblems;
    r.errors.push_back(std::string("unexpected: ") + e.what());
  }
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
    return r;
  }
}

void to_json(nlohmann::json& j, const ErrorReport& r) {
  j = nlohmann::json{{"ok", false}, {"exit_code", r.exit_code}, {"errors", r.errors}};
}

}  // namespace strata::app
