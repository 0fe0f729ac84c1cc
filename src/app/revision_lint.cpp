#include "app/revision_lint.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.h"
#include "app/project.h"
#include "revision/validation_cache.h"

namespace strata::app {

std::vector<lint::HazardKind> acknowledged_kinds(const Config& config) {
  std::vector<lint::HazardKind> out;
  for (const auto& name : config.hazards_acknowledge)
    if (auto k = lint::parse_kind(name)) out.push_back(*k);
  return out;
}

void lint_revision(const Project& project, revision::ValidationCache& cache, const revision::Revision& revision,
                   const std::vector<lint::HazardKind>& acknowledge, std::vector<lint::Finding>& out,
                   std::vector<Diagnostic>& problems) {
  try {
    auto found = cache.lint_text(revision.up_sql, project.relative(revision.up_path), acknowledge);
    out.insert(out.end(), found.begin(), found.end());
  } catch (const LoadError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
}

std::string acknowledge_hint(lint::HazardKind kind) {
  return "acknowledge it with `-- strata:allow " + std::string(lint::kind_name(kind)) +
         "` in the header if it is meant";
}

LintResult lint(const Context& ctx, const LintOptions& options) {
  Project project(ctx);
  LintResult result;
  std::vector<lint::HazardKind> acknowledge = acknowledged_kinds(ctx.config);
  // (file as shown, path read)
  std::vector<std::pair<std::string, std::filesystem::path>> files;
  if (options.files.empty()) {
    revision::Store store = project.open_store();
    for (const auto& r : store.revisions())
      files.emplace_back(project.relative(r.up_path), r.up_path);
  } else {
    for (const auto& f : options.files) files.emplace_back(f, std::filesystem::path(f));
  }
  std::vector<Diagnostic> problems;
  for (const auto& [shown, path] : files) {
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in && !std::filesystem::is_directory(path, ec)) text << in.rdbuf();
    if (!in || std::filesystem::is_directory(path, ec) || in.bad()) {
      problems.push_back({Location{shown, 0, 0}, "cannot read the file; name a readable .sql file"});
      continue;
    }
    try {
      auto found = lint::lint_text(text.str(), shown, acknowledge);
      result.findings.insert(result.findings.end(), found.begin(), found.end());
    } catch (const LoadError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
    ++result.files;
  }
  if (!problems.empty()) throw LoadError(std::move(problems));
  return result;
}

}  // namespace strata::app
