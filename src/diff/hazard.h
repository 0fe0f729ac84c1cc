#pragma once

#include <string>
#include <vector>

#include "diff/change.h"

namespace strata::diff {

enum class HazardKind {
  kDataLoss,            // rows or values are gone for good (drop column/table, narrowing)
  kTableRewrite,        // the whole table is rewritten under an ACCESS EXCLUSIVE lock
  kExclusiveScan,       // a full scan under an exclusive lock (SET NOT NULL, validating)
  kBlockingIndexBuild,  // CREATE INDEX without CONCURRENTLY blocks writes
  kEnumRecreation,      // the enum type is recreated and every using column cast
  kMayFailOnRows,       // fails on some existing rows (NULLs, duplicates, orphans, casts); pre-checked
  kBreaksRunningCode,   // a rename or drop that code still using the old name fails on
  kPrivilegesRegranted, // an object is recreated and its privileges granted again
};

struct Hazard {
  HazardKind kind = HazardKind::kDataLoss;
  std::string detail;  // what is at risk, e.g. "drops column public.users.bio"

  bool operator==(const Hazard&) const = default;
};

// "data loss", "table rewrite", ... as a reviewer reads it.
std::string hazard_kind_name(HazardKind kind);

// The hazards of running `change` (empty for the harmless ones).
std::vector<Hazard> hazards_of(const Change& change);

}  // namespace strata::diff
