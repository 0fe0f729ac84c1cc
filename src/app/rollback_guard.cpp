#include "app/rollback_guard.h"

#include "app/project.h"
#include "core/error.h"

namespace strata::app {

std::vector<lint::Finding> rollback_data_loss(const Project& project,
                                              const std::vector<revision::Revision>& to_undo) {
  std::vector<lint::Finding> out;
  for (auto it = to_undo.rbegin(); it != to_undo.rend(); ++it) {
    std::vector<lint::Finding> found;
    try {
      found = lint::lint_text(it->down_sql, project.relative(it->down_path), {lint::HazardKind::kDataLoss});
    } catch (const LoadError&) {
      continue;
    }
    for (auto& f : found)
      if (f.kind == lint::HazardKind::kDataLoss) out.push_back(std::move(f));
  }
  return out;
}

void confirm_rollback(const std::vector<lint::Finding>& findings, bool yes,
                      const std::function<bool(const std::string&)>& confirm) {
  if (findings.empty() || yes) return;
  std::string files, list;
  for (const auto& f : findings) {
    if (files.find(f.file) == std::string::npos) files += (files.empty() ? "" : ", ") + f.file;
    list += "\n  " + f.str();
  }
  std::string what = "the rollback runs down files that lose data (" + files + "):" + list;
  if (confirm) {
    if (confirm(what + "\nroll back anyway? [y/N] ")) return;
    throw UsageError("rollback cancelled; nothing was run");
  }
  throw UsageError(what +
                   "\nnothing was run; to roll back anyway, run it again with --yes (after backing up what "
                   "these statements drop, if it may be needed)");
}

}  // namespace strata::app
