#pragma once

// Human-readable text for each command result (the --json form is the
// result's to_json).

#include <string>

#include "app/adopt.h"
#include "app/audit.h"
#include "app/results.h"

namespace strata::cli {

std::string render(const app::InitResult& r);
std::string render(const app::StatusResult& r);
std::string render(const app::CreateResult& r);
std::string render(const app::ApplyResult& r);
std::string render(const app::RollbackResult& r);
std::string render(const app::HistoryResult& r);
std::string render(const app::CheckResult& r, bool github);
std::string render(const app::ValidateResult& r);
// Each finding as "file:line:col: kind: message", or as GitHub workflow
// annotations (::error for unacknowledged findings, ::warning for the rest).
std::string render(const app::LintResult& r, bool github);
std::string render(const app::DiffResult& r, bool sql_only);
std::string render(const app::BackupResult& r);
std::string render(const app::RestoreResult& r);
std::string render(const app::StampResult& r);
std::string render(const app::InspectResult& r);
std::string render(const app::LocalResult& r);
std::string render(const app::AuditResult& r);
std::string render(const app::AdoptResult& r);

}  // namespace strata::cli
