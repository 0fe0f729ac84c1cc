#pragma once

// The kinds of hazard a change or a statement can carry: one vocabulary for
// the differ (a plan's hazards and the revision header's `hazards:` lines),
// the linter (`strata lint`, check, validate) and the projects that name them
// in strata.yaml (`hazards: {acknowledge: [...]}`), in a revision's
// `-- strata:allow KIND` header line and in `create --allow KIND`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

enum class HazardKind {
  kDataLoss,           // rows or values are gone for good (DROP TABLE/COLUMN, TRUNCATE, narrowing)
  kRewrite,            // the table is rewritten under an ACCESS EXCLUSIVE lock
  kBlocksWrites,       // writers wait for the whole statement (index build, validation scan)
  kBlocksReads,        // readers wait too (VACUUM FULL, CLUSTER, LOCK TABLE)
  kMayFail,            // fails when existing rows do not fit (NOT NULL without a default)
  kBreaksRunningCode,  // code deployed now stops working (a rename, a drop)
};

// "data-loss", "rewrite", "blocks-writes", "blocks-reads", "may-fail",
// "breaks-running-code".
inline std::string_view kind_name(HazardKind kind) {
  switch (kind) {
    case HazardKind::kDataLoss: return "data-loss";
    case HazardKind::kRewrite: return "rewrite";
    case HazardKind::kBlocksWrites: return "blocks-writes";
    case HazardKind::kBlocksReads: return "blocks-reads";
    case HazardKind::kMayFail: return "may-fail";
    case HazardKind::kBreaksRunningCode: return "breaks-running-code";
  }
  return "unknown";
}

// Every kind, in the order of the enum.
inline const std::vector<HazardKind>& all_kinds() {
  static const std::vector<HazardKind> kinds{HazardKind::kDataLoss,    HazardKind::kRewrite,
                                             HazardKind::kBlocksWrites, HazardKind::kBlocksReads,
                                             HazardKind::kMayFail,     HazardKind::kBreaksRunningCode};
  return kinds;
}

// The kind named `name` (exactly as kind_name writes it); nullopt otherwise.
inline std::optional<HazardKind> parse_kind(std::string_view name) {
  for (HazardKind k : all_kinds())
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

// "data-loss, rewrite, ..." for messages that list what is accepted.
inline std::string known_kinds() {
  std::string out;
  for (HazardKind k : all_kinds()) {
    if (!out.empty()) out += ", ";
    out += kind_name(k);
  }
  return out;
}

// The kinds that need acknowledging when the project says nothing:
// data-loss and blocks-reads.
inline std::vector<HazardKind> default_acknowledged() {
  return {HazardKind::kDataLoss, HazardKind::kBlocksReads};
}

}  // namespace strata
