#pragma once

// Table inheritance (INHERITS, not partitioning): reading the `inherits`
// key, checking it against the whole schema, and the columns and checks a
// child receives from its parents.

#include <map>
#include <string>
#include <vector>

#include "model/load_context.h"
#include "model/schema.h"
#include "model/yaml_fields.h"

namespace strata::model {

// Reads `inherits: [parent, schema.parent, ...]` (or one name) into
// t.inherits; a bare name is in `schema`. Reports a malformed or repeated
// name at its place.
void read_inherits(YamlFields& y, LoadContext& ctx, const std::string& schema, const YamlNode& n,
                   Table& t);

// The columns `t` receives from its parents in `s`, recursively, as
// PostgreSQL lays them out: each parent's columns in parent order, a name
// met again merged into its first place. Parents missing from `s` add
// nothing.
std::vector<Column> inherited_columns(const Schema& s, const Table& t);

// inherited_columns() followed by the table's own columns not among them.
std::vector<Column> all_columns(const Schema& s, const Table& t);

// The checks `t` receives from its parents, recursively (all but NO
// INHERIT ones), by name.
std::map<std::string, CheckConstraint> inherited_checks(const Schema& s, const Table& t);

// Reports, at the `inherits` entry: a parent that is not a table of the
// models, a partitioned table or a partition on either side, a parent named
// twice, a table that inherits from itself through its parents, and a
// column whose type differs from the type it has in a parent.
void check_inheritance(const Schema& s, LoadContext& ctx);

}  // namespace strata::model
