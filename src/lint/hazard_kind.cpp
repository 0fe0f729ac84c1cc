#include "lint/hazard_kind.h"

namespace strata::lint {

std::string_view kind_name(HazardKind kind) {
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

const std::vector<HazardKind>& all_kinds() {
  static const std::vector<HazardKind> kinds{
      HazardKind::kDataLoss,     HazardKind::kRewrite, HazardKind::kBlocksWrites,
      HazardKind::kBlocksReads,  HazardKind::kMayFail, HazardKind::kBreaksRunningCode};
  return kinds;
}

std::optional<HazardKind> parse_kind(std::string_view name) {
  for (HazardKind k : all_kinds())
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::string known_kinds() {
  std::string out;
  for (HazardKind k : all_kinds()) {
    if (!out.empty()) out += ", ";
    out += kind_name(k);
  }
  return out;
}

std::vector<HazardKind> default_acknowledged() {
  return {HazardKind::kDataLoss, HazardKind::kBlocksReads};
}

}  // namespace strata::lint
