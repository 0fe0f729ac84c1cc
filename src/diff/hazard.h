#pragma once

#include <string>
#include <vector>

#include "core/hazard_kind.h"
#include "diff/change.h"

namespace strata::diff {

// A change's hazards carry the public kinds (core/hazard_kind.h), the ones
// the linter finds in the rendered SQL and projects acknowledge; the finer
// reason (a blocking index build, a validation scan, an enum recreated,
// privileges granted again) is in the detail.
using strata::HazardKind;

struct Hazard {
  HazardKind kind = HazardKind::kDataLoss;
  std::string detail;  // what is at risk, e.g. "drops column public.users.bio"

  bool operator==(const Hazard&) const = default;
};

// The hazards of running `change` (empty for the harmless ones).
std::vector<Hazard> hazards_of(const Change& change);

}  // namespace strata::diff
