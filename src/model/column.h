#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/compact_optional.h"

namespace strata::model {

enum class IdentityKind { kAlways, kByDefault };

// Sequence parameters shared by sequences and identity columns. An empty
// optional means PostgreSQL's default for the data type, so a model that
// omits an option and a catalog that holds the default compare equal.
// Both sides bring them to that form with normalize_sequence_options()
// (model/sequence_defaults.h).
struct SequenceOptions {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> increment;
  std::optional<std::int64_t> min_value;
  std::optional<std::int64_t> max_value;
  std::optional<std::int64_t> cache;
  bool cycle = false;

  bool operator==(const SequenceOptions&) const = default;
};

struct Identity {
  IdentityKind kind = IdentityKind::kByDefault;
  SequenceOptions options;

  bool operator==(const Identity&) const = default;
};

// Most columns set none of the optional members, and a model holds one
// Column per column of every table: each rarely set member is a
// CompactOptional (one pointer when empty) rather than a std::optional.
struct Column {
  std::string name;
  // Canonical type name as format_type() prints it ("integer",
  // "character varying(320)", "timestamp with time zone", "public.user_role",
  // "integer[]"). The pseudo types "smallserial", "serial" and "bigserial"
  // stand for the integer type plus an owned sequence and its nextval default.
  // See model/type_name.h; the catalog side gets this spelling from
  // format_type() run with search_path = pg_catalog.
  std::string type;
  // false for primary key, identity and serial columns (PostgreSQL sets
  // attnotnull for them), whatever the YAML says.
  bool nullable = true;
  CompactOptional<std::string> default_expr;   // SQL expression text
  CompactOptional<std::string> collation;      // only when not the type's default
  CompactOptional<Identity> identity;
  CompactOptional<std::string> generated;      // GENERATED ALWAYS AS (expr) STORED
  CompactOptional<std::string> comment;
  // Desired side only: the column's previous name, so the differ renames it.
  CompactOptional<std::string> renamed_from;
  // Desired side only: how existing values convert when the type changes
  // (ALTER COLUMN ... TYPE ... USING <expression>); the default is a cast.
  CompactOptional<std::string> using_expr;
  // SET STATISTICS, when set (not -1).
  std::optional<int> statistics;
  // SET STORAGE ("plain", "external", "extended", "main"), only when not the
  // type's default (model/table_properties.h default_storage).
  CompactOptional<std::string> storage;
  // SET COMPRESSION ("pglz", "lz4"), only when set.
  CompactOptional<std::string> compression;
  // Serial and identity columns: whether their sequence is logged, only when
  // it is not what PostgreSQL gives the sequence of a new column of this
  // table (logged on a logged table, unlogged on an unlogged one).
  std::optional<bool> sequence_logged;

  bool operator==(const Column&) const = default;
};

}  // namespace strata::model
