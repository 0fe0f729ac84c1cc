#pragma once

// Internal to diff: what in a schema uses a composite type, a collation or a
// text search configuration, for the changes PostgreSQL refuses in place
// while something does.

#include <set>
#include <string>
#include <vector>

#include "model/qualified_name.h"
#include "model/schema.h"

namespace strata::diff {

// Columns, composite attributes and domains of `schema` whose type is `type`
// (or an array of it), each as "schema.table.column", "schema.type.attribute"
// or "domain schema.name".
std::vector<std::string> type_users(const model::Schema& schema, const model::QualifiedName& type);

// Functions, procedures and aggregates of `schema` that take or return
// `type` (or an array or set of it), each as "function schema.name(types)"
// or "aggregate schema.name(types)".
std::vector<std::string> routine_type_users(const model::Schema& schema, const model::QualifiedName& type);

// Columns, composite attributes, domains and index keys of `schema` that
// name collation `collation`.
std::vector<std::string> collation_users(const model::Schema& schema, const model::QualifiedName& collation);

// Index expressions and predicates, column defaults and generated
// expressions, checks, views and function and procedure bodies of `schema`
// that name text search configuration `config` as a literal ('name' or
// 'schema.name'). Bodies are read as text: PostgreSQL records no dependency
// for a body written as a string.
std::vector<std::string> text_search_config_users(const model::Schema& schema,
                                                  const model::QualifiedName& config);

}  // namespace strata::diff
