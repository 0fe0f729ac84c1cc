#pragma once

// Hazard lint of revision files against the project's rules: which kinds need
// acknowledging (strata.yaml, hazards.acknowledge) and what each file allows
// (`-- strata:allow KIND` in its header). Used by `lint`, `check` and
// `validate`.

#include <string>
#include <vector>

#include "app/config.h"
#include "core/error.h"
#include "lint/linter.h"
#include "revision/store.h"
#include "revision/validation_cache.h"

namespace strata::app {

class Project;

// The kinds of config.hazards_acknowledge (validated when the file was read).
std::vector<lint::HazardKind> acknowledged_kinds(const Config& config);

// The findings of one revision's up file through `cache`, appended to `out`
// (the file named relative to the project root); a file whose allow lines
// are wrong adds its diagnostics to `problems` instead. Called right after
// cache.validate(revision), the up file it parsed is not parsed again.
void lint_revision(const Project& project, revision::ValidationCache& cache, const revision::Revision& revision,
                   const std::vector<lint::HazardKind>& acknowledge, std::vector<lint::Finding>& out,
                   std::vector<Diagnostic>& problems);

// How an unacknowledged finding is fixed, for messages: "acknowledge it with
// `-- strata:allow data-loss` in the header if it is meant".
std::string acknowledge_hint(lint::HazardKind kind);

}  // namespace strata::app
