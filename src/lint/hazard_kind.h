#pragma once

// The kinds of hazard a statement can carry, as projects name them in
// strata.yaml (`hazards: {acknowledge: [...]}`) and in a revision's
// `-- strata:allow KIND` header line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::lint {

enum class HazardKind {
  kDataLoss,           // rows or values are gone for good (DROP TABLE/COLUMN, TRUNCATE)
  kRewrite,            // the table is rewritten under an ACCESS EXCLUSIVE lock
  kBlocksWrites,       // writers wait for the whole statement (index build, validation scan)
  kBlocksReads,        // readers wait too (VACUUM FULL, CLUSTER, LOCK TABLE)
  kMayFail,            // fails when existing rows do not fit (NOT NULL without a default)
  kBreaksRunningCode,  // code deployed now stops working (a rename)
};

// "data-loss", "rewrite", "blocks-writes", "blocks-reads", "may-fail",
// "breaks-running-code".
std::string_view kind_name(HazardKind kind);

// The kind named `name` (exactly as kind_name writes it); nullopt otherwise.
std::optional<HazardKind> parse_kind(std::string_view name);

// Every kind, in the order of the enum.
const std::vector<HazardKind>& all_kinds();

// "data-loss, rewrite, ..." for messages that list what is accepted.
std::string known_kinds();

// The kinds that need acknowledging when the project says nothing:
// data-loss and blocks-reads.
std::vector<HazardKind> default_acknowledged();

}  // namespace strata::lint
