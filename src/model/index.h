#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::model {

enum class NullsOrder { kDefault, kFirst, kLast };

// One key of an index: a column or an expression, with its options.
struct IndexKey {
  std::string column;                   // set for a plain column key
  std::optional<std::string> expression;  // set for an expression key (column empty)
  bool descending = false;
  NullsOrder nulls = NullsOrder::kDefault;  // kDefault: LAST for ASC, FIRST for DESC
  std::optional<std::string> opclass;       // only when not the default
  std::optional<std::string> collation;     // only when not the column's

  bool operator==(const IndexKey&) const = default;
};

struct Index {
  std::string name;
  bool unique = false;
  bool nulls_not_distinct = false;
  std::string method = "btree";  // lower case, as pg_am names it
  std::vector<IndexKey> keys;
  std::vector<std::string> include;
  std::optional<std::string> where;  // partial index predicate
  std::optional<std::string> comment;
  std::optional<std::string> renamed_from;
  // Catalog side only: pg_index.indisvalid is false (a CREATE INDEX
  // CONCURRENTLY that failed or was cancelled left it). Such an index serves
  // no query and enforces nothing, so the differ drops and recreates it.
  bool invalid = false;

  bool operator==(const Index&) const = default;
};

}  // namespace strata::model
