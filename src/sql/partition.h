#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::sql {

// Partition keys and bounds, checked and compared offline with PostgreSQL's
// parser (locations, keyword case and spacing dropped). Literals compare as
// written: '2024-01-01' and '2024-01-01 00:00:00' are different spellings
// here, so a model writes a bound as the server prints it (inspect does).

// A partition key as written after PARTITION BY ("RANGE (logdate)",
// "list (lower(code))", "HASH (id)"): its canonical form, or nullopt when
// it is not one.
std::optional<std::string> canonical_partition_key(std::string_view key);

// A partition bound as written after PARTITION OF parent ("FOR VALUES FROM
// (1) TO (10)", "FOR VALUES IN ('a')", "FOR VALUES WITH (MODULUS 4,
// REMAINDER 0)", "DEFAULT"): its canonical form, or nullopt when it is not
// one.
std::optional<std::string> canonical_partition_bound(std::string_view bound);

bool same_partition_key(std::string_view a, std::string_view b);
bool same_partition_bound(std::string_view a, std::string_view b);

}  // namespace strata::sql
