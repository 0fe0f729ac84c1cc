#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/qualified_name.h"

namespace strata::model {

// Deferrability shared by the constraint kinds that support it.
struct Deferral {
  bool deferrable = false;
  bool initially_deferred = false;

  bool operator==(const Deferral&) const = default;
};

struct PrimaryKey {
  std::string name;  // PostgreSQL's default "<table>_pkey" when not given
  std::vector<std::string> columns;
  Deferral deferral;
  std::optional<std::string> renamed_from;

  bool operator==(const PrimaryKey&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool nulls_not_distinct = false;
  Deferral deferral;
  std::optional<std::string> renamed_from;

  bool operator==(const UniqueConstraint&) const = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // without the CHECK keyword and outer parentheses
  bool no_inherit = false;
  std::optional<std::string> renamed_from;
  bool not_valid = false;  // added NOT VALID and not validated since

  bool operator==(const CheckConstraint&) const = default;
};

enum class ReferentialAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };
enum class MatchType { kSimple, kFull, kPartial };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  QualifiedName ref_table;
  std::vector<std::string> ref_columns;
  ReferentialAction on_delete = ReferentialAction::kNoAction;
  ReferentialAction on_update = ReferentialAction::kNoAction;
  MatchType match = MatchType::kSimple;
  Deferral deferral;
  std::optional<std::string> renamed_from;
  bool not_valid = false;  // added NOT VALID and not validated since

  bool operator==(const ForeignKey&) const = default;
};

// One element of EXCLUDE USING method (element WITH operator, ...). Names of
// unnamed constraints of every kind: model/default_names.h.
struct ExclusionElement {
  std::string expression;              // a column name (bare) or "(" expression ")"
  std::optional<std::string> opclass;  // only when not the default
  std::string op;                      // e.g. "&&", "="

  bool operator==(const ExclusionElement&) const = default;
};

struct ExclusionConstraint {
  std::string name;
  std::string method = "gist";
  std::vector<ExclusionElement> elements;
  std::vector<std::string> include;
  std::optional<std::string> where;
  Deferral deferral;
  std::optional<std::string> renamed_from;

  bool operator==(const ExclusionConstraint&) const = default;
};

}  // namespace strata::model
