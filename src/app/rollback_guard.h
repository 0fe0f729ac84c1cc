#pragma once

// The confirmation a rollback needs when a down file loses data: the linter's
// data-loss findings over the down files to run, asked about on a terminal
// (RollbackOptions::confirm), refused without one unless `yes`.

#include <functional>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "revision/revision.h"

namespace strata::app {

class Project;

// The data-loss findings of the down files of `to_undo` (oldest first as the
// store gives them; findings newest revision first, as they would run), files
// named relative to the project root. A down file that does not parse adds
// nothing here: the applier reports it when it runs.
std::vector<lint::Finding> rollback_data_loss(const Project& project, const std::vector<revision::Revision>& to_undo);

// Throws UsageError (nothing run) when `findings` is not empty and neither
// `yes` is set nor `confirm` (asked with the question) answers true. The
// message names the revisions, each statement that loses data and `--yes`.
// `confirm` may be empty (no terminal): then the rollback is refused.
void confirm_rollback(const std::vector<lint::Finding>& findings, bool yes,
                      const std::function<bool(const std::string&)>& confirm);

}  // namespace strata::app
