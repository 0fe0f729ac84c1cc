#pragma once

// Human-readable text for each command result (the --json form is the
// result's to_json).

#include <string>

#include "app/adopt.h"
#include "app/audit.h"
#include "app/error_report.h"
#include "app/results.h"

namespace strata::cli {

// One GitHub workflow command: "::error file=F,line=L,col=C::message\n"
// (the place only as far as it is known), message and values escaped.
std::string annotation(const std::string& level, const Location& where, const std::string& message);
// Every error of `r` as an ::error:: annotation, with its file and line when
// it lies in a file.
std::string annotations(const app::ErrorReport& r);

std::string render(const app::InitResult& r);
std::string render(const app::StatusResult& r);
// color: change and hazard lines in colour (a terminal).
std::string render(const app::CreateResult& r, bool color = false);
std::string render(const app::ApplyResult& r);
std::string render(const app::RollbackResult& r);
std::string render(const app::HistoryResult& r);
std::string render(const app::CheckResult& r, bool github);
std::string render(const app::ValidateResult& r);
// Each finding as "file:line:col: kind: message", or as GitHub workflow
// annotations (::error for unacknowledged findings, ::warning for the rest).
std::string render(const app::LintResult& r, bool github);
std::string render(const app::DiffResult& r, bool sql_only, bool color = false);
std::string render(const app::BackupResult& r);
std::string render(const app::RestoreResult& r);
std::string render(const app::StampResult& r);
std::string render(const app::InspectResult& r);
std::string render(const app::LocalResult& r);
std::string render(const app::AuditResult& r);
std::string render(const app::AdoptResult& r);
std::string render(const app::RebaseResult& r);

}  // namespace strata::cli
