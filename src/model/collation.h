#pragma once

#include <optional>
#include <string>

namespace strata::model {

// CREATE COLLATION name (provider = ..., locale = ..., deterministic = ...).
// For the libc provider lc_collate and lc_ctype may differ; when they are
// equal only `locale` is set. For icu, `locale` is the ICU locale.
struct Collation {
  std::string name;
  std::string provider = "libc";  // "libc" or "icu"
  std::optional<std::string> locale;
  std::optional<std::string> lc_collate;  // set only with lc_ctype, when they differ
  std::optional<std::string> lc_ctype;
  bool deterministic = true;
  std::optional<std::string> comment;

  bool operator==(const Collation&) const = default;
};

}  // namespace strata::model
