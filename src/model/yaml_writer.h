#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace strata::model {

// Writes a model as YAML in the loader's format (yaml_loader.h), so that
// loading what was saved gives the same model back (load(save(m)) == m for a
// normalized model) and saving the same model twice gives the same bytes.
//
// The output is compact: a column with nothing but a type is `name: type`,
// otherwise a flow mapping on one line; a single-column primary key, unique
// constraint or foreign key whose name is PostgreSQL's default (and that has
// no other options) is written inline on its column; everything else at
// table level under its name. Objects come sorted by name, columns in column
// order. Default values are written only when they differ from the default
// (nullable: true, btree, ...).

// One file holding everything of namespace `ns`: `schema:`, its comment, the
// given extensions (those whose schema is this namespace, typically),
// `external_types:` (user types its columns use that neither its enums nor
// the given extensions define: domains and the like, which the model does
// not manage, listed so that the file loads; seeing one namespace only, it
// lists enums of other namespaces too, which is harmless; save_files knows
// better), enums, sequences, tables and views.
std::string save_namespace(const Namespace& ns,
                           const std::map<std::string, Extension>& extensions = {});

// One file holding only table `table` of namespace `schema` (`schema:` and
// `tables:` with one entry), for one file per table.
std::string save_table(std::string_view schema, const Table& table);

// The files of a whole model, by relative path:
//   split == false: "<schema>.yaml" per namespace (extensions go with the
//                   namespace named by their schema, or the first namespace
//                   when that one is not in the model).
//   split == true:  "<schema>.yaml" with everything but the tables, plus
//                   "<schema>/<table>.yaml" per table ('/' in a name becomes '_').
// Loading all the files (load_directory) gives the model back. Here an enum
// of another namespace and a declared extension's types are not external.
std::map<std::filesystem::path, std::string> save_files(const Schema& schema, bool split);

}  // namespace strata::model
