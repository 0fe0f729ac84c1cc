#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "model/declared_places.h"
#include "model/schema.h"

namespace strata::model {

// Reads model files (the YAML format of DESIGN.md) into one validated,
// normalized model::Schema.
//
// Every problem found in one pass is reported together: on any problem these
// throw strata::LoadError whose diagnostics each say `file:line:col: message`
// (1-based; a position inside an SQL expression is mapped back to the file
// where the scalar's style allows it). Nothing is returned for a bad input.
//
// The format (all keys optional; unknown keys are errors with a suggestion):
//   schema: app                      # namespace of this file's objects (default public)
//   comment: "..."                   # COMMENT ON SCHEMA (once per schema across files)
//   extensions: [citext]             # or {citext: {version: "1.6", schema: public}};
//                                    # list items may also be {citext: {...}}
//   external_types: [public.year]    # user types that exist in the database but
//                                    # are not modelled (domains, composite types):
//                                    # columns may use them; `inspect` writes them
//   enums:     {role: [a, b]}        # or {role: {labels: [a, {name: b, renamed_from: old}],
//                                    #            comment: .., renamed_from: ..}}
//   sequences: {s: {type: bigint, start: 1, increment: 1, min: 1, max: 9, cache: 1,
//                   cycle: false, owned_by: table.column, comment: ..}}   # or s: bigint
//   views:     {v: {query: "SELECT ...", materialized: true, with_no_data: true, comment: ..,
//                   indexes: {..}}}
//                                    # or v: "SELECT ..."
//   tables:
//     t:
//       comment / unlogged: true / renamed_from: old_name
//       partition_by: "RANGE (c)"    # a partitioned table
//       partition_of: parent / bound: "FOR VALUES ..." | DEFAULT   # a partition (no columns)
//       inherits: [parent, schema.parent]   # INHERITS, in pg_inherits order; columns and
//                                    # checks then list the child's own only
//       storage_parameters: {fillfactor: 70} / replica_identity: full | nothing | {index: i}
//       columns:                     # document order is column order; a table
//                                    # without columns says `columns: {}`
//         c: text                    # shorthand: type only, nullable
//         d: {type: .., nullable: false, default: "expr", collation: "C", comment: ..,
//             identity: always | by default | {kind: always, start: 1, increment: 1, min, max,
//                                                cache, cycle},
//             generated: "expr",     # GENERATED ALWAYS AS (expr) STORED
//             primary_key: true, unique: true, check: "expr",
//             references: table.column | schema.table.column | table (its primary key),
//             on_delete: cascade, on_update: restrict, renamed_from: old,
//             statistics: 500, storage: external, compression: lz4}
//       primary_key: [a, b]          # or {name, columns, deferrable, initially_deferred, renamed_from}
//       unique: {name: [a, b]}       # or name: {columns, nulls_not_distinct, deferrable,
//                                    #   initially_deferred, renamed_from}; or a list of column lists
//       checks: {name: "expr"}       # or name: {expression, no_inherit, not_valid, renamed_from}
//       foreign_keys: {name: {columns: [a], references: {table: t2, columns: [id]},
//                      on_delete, on_update, match: simple|full, deferrable,
//                      initially_deferred, not_valid, renamed_from}} # or a list (default names)
//       exclusions: {name: {using: gist, elements: [{column: c | expression: "..", with: "&&",
//                    opclass: ..}], include: [..], where: "..", deferrable, initially_deferred,
//                    renamed_from}}                                 # or a list (default names)
//       indexes: {name: {columns: [a, {column: b, order: desc, nulls: first, opclass: ..,
//                         collation: ..}, {expression: "lower(c)"}],
//                        expressions: ["lower(c)"],   # appended after columns
//                        keys: [...],                 # same as columns
//                        unique, nulls_not_distinct, using: btree, include: [..],
//                        where: "..", comment, renamed_from}}        # or a list (default names)
//
// Normalization (what the catalog side must do identically):
//  - Column::type is canonical (type_name.h); unqualified user types resolve
//    to an enum of the file's schema, else of `public`; types of known
//    extensions (citext, hstore, ltree, ...) resolve to the extension's schema;
//    external_types are accepted as they are. Any other user type is an error.
//  - A foreign key column must have the type of the column it references, or
//    one of the same family (integers, strings, floats, dates/timestamps),
//    as PostgreSQL accepts.
//  - inline primary_key/unique/references/check become table-level
//    constraints named as PostgreSQL names them (default_names.h); the same
//    for unnamed table-level unique constraints, foreign keys, indexes and
//    exclusions given as lists. A default name already taken gets a number
//    as PostgreSQL gives it ("t_check1"), counting in reading order: inline
//    forms in column order, then primary_key, unique, checks, foreign_keys,
//    exclusions, indexes.
//  - An index key's NULLS FIRST/LAST equal to its order's default is dropped;
//    methods are lower case; an exclusion element on an expression is stored
//    as "(expr)", on a column as the bare name.
//  - Sequence and identity options in the form of normalize_sequence_options
//    (sequence_defaults.h).
//  - An index key's opclass that PostgreSQL would choose anyway for the
//    column's built-in type and the index method (default_opclass.h; a
//    "pg_catalog." prefix is ignored) is dropped, and so is a key collation
//    equal to its column's ("default" for a column without one, "C" for
//    name) and a column collation equal to its type's. Not normalized
//    (cannot be known offline): a default opclass of an expression key or of
//    an extension or domain type; it compares unequal to the catalog's empty
//    value.
//  - A foreign key given without referenced columns references the
//    referenced table's primary key columns.
//  - Primary key, identity and serial columns get nullable = false (PostgreSQL
//    sets attnotnull for them).
//  - A serial column has no default_expr and no identity.
//  - Defaults, checks, predicates, generated and index expressions and view
//    queries are kept as the user wrote them (the differ compares expressions);
//    the columns they name must exist (a default may name none).
//  - Every file's `schema` gets a Namespace, even when the file declares no
//    objects in it.
//  - Extension::schema is "public" unless given.

// Loads every *.yaml / *.yml file under `dir`, recursively (skipping names
// that start with '.'), in sorted path order, and merges them. Diagnostics name files as `dir / relative path`,
// with `dir` spelled as given. No files: an empty Schema. Not a directory:
// LoadError.
Schema load_directory(const std::filesystem::path& dir);

// Where the objects of loaded models were declared: the position of the
// name's key (the first declaration when merged from several files).
class SourceMap {
 public:
  // kind and name parts: "table" (schema, table), "column" (schema, table,
  // column), "enum" / "view" / "seq" (schema, name), "idx" (schema, index),
  // "pk" (schema, table), "uq" / "check" / "fk" / "excl" (schema, table,
  // constraint), "ext" (extension), "ns" (schema). An empty Location when
  // unknown.
  Location find(std::string_view kind, std::string_view a, std::string_view b = {},
                std::string_view c = {}) const;
  // The declarations' places (file indexes into `files`).
  void set(std::vector<std::string> files, DeclaredPlaces entries) {
    files_ = std::move(files);
    entries_ = std::move(entries);
  }
 private:
  std::vector<std::string> files_;
  DeclaredPlaces entries_;
};

// load_directory, and where each object was declared into `where`.
Schema load_directory(const std::filesystem::path& dir, SourceMap& where);

// How a model file is named for a reader (e.g. relative to the project root).
using ShowPath = std::function<std::string(const std::filesystem::path&)>;

// The same, every file named as `show` gives it: in `where`, in each
// diagnostic's place and in the places its message names in other files
// ("first defined at ..."). `show` is called once per file (making a path
// relative asks the file system; there are thousands of declarations).
Schema load_directory(const std::filesystem::path& dir, SourceMap& where, const ShowPath& show);

// Loads and merges the given files (in the given order).
Schema load_files(const std::vector<std::filesystem::path>& files);

// One in-memory document, reported as `file_name` in diagnostics.
Schema load_string(std::string_view yaml, std::string_view file_name = "<string>");

// A document held in memory, for loading several at once.
struct SourceFile {
  std::string name;  // as shown in diagnostics
  std::string text;
};
Schema load_sources(const std::vector<SourceFile>& sources);
// The same, and where each object was declared into `where`.
Schema load_sources(const std::vector<SourceFile>& sources, SourceMap& where);

}  // namespace strata::model
