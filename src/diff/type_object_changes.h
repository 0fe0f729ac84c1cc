#pragma once

// The change ops of composite types, collations and text search
// configurations (members of diff::Change, see change.h).

#include <string>
#include <vector>

#include "model/qualified_name.h"
#include "model/schema.h"

namespace strata::diff {

using model::QualifiedName;

// --- composite types ----------------------------------------------------------

// CREATE TYPE name AS (...) then its comment.
struct CreateCompositeType {
  QualifiedName name;
  model::CompositeType type;
  bool operator==(const CreateCompositeType&) const = default;
};
struct DropCompositeType {
  QualifiedName name;
  model::CompositeType type;
  bool operator==(const DropCompositeType&) const = default;
};
// ALTER TYPE ... ADD ATTRIBUTE (it goes last) / DROP ATTRIBUTE. The planner
// adds attributes only where the desired order puts them last.
struct AddAttribute {
  QualifiedName type;
  model::CompositeAttribute attribute;
  bool operator==(const AddAttribute&) const = default;
};
struct DropAttribute {
  QualifiedName type;
  model::CompositeAttribute attribute;
  bool operator==(const DropAttribute&) const = default;
};
// ALTER TYPE ... ALTER ATTRIBUTE ... SET DATA TYPE [COLLATE]: type or
// collation. PostgreSQL refuses it while a column uses the type, and so does
// the planner.
struct AlterAttribute {
  QualifiedName type;
  model::CompositeAttribute from;
  model::CompositeAttribute to;
  bool operator==(const AlterAttribute&) const = default;
};

// --- collations ---------------------------------------------------------------

// CREATE COLLATION then its comment. A changed definition is a drop and a
// create (only while nothing uses the collation: the planner refuses else).
struct CreateCollation {
  QualifiedName name;
  model::Collation collation;
  bool operator==(const CreateCollation&) const = default;
};
struct DropCollation {
  QualifiedName name;
  model::Collation collation;
  bool operator==(const DropCollation&) const = default;
};

// --- text search configurations -----------------------------------------------

// CREATE TEXT SEARCH CONFIGURATION (PARSER = ...), its mappings, then its
// comment.
struct CreateTextSearchConfig {
  QualifiedName name;
  model::TextSearchConfig config;
  bool operator==(const CreateTextSearchConfig&) const = default;
};
struct DropTextSearchConfig {
  QualifiedName name;
  model::TextSearchConfig config;
  bool operator==(const DropTextSearchConfig&) const = default;
};
// ALTER TEXT SEARCH CONFIGURATION ... ADD MAPPING (from empty), DROP MAPPING
// (to empty) or ALTER MAPPING FOR one token type.
struct AlterTextSearchMapping {
  QualifiedName config;
  std::string token;
  std::vector<std::string> from;
  std::vector<std::string> to;
  bool operator==(const AlterTextSearchMapping&) const = default;
};

}  // namespace strata::diff
