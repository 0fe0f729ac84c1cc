#pragma once

#include <string>

namespace strata::introspect {

// The catalog queries of introspection, one per object kind. Each reads all
// managed schemas at once: the schema list is bound as one text value,
// `CAST($1 AS text[])`. Every result column is text (read with libpq's text
// format; numbers and flags are cast in SQL), and rows are ordered so that
// one pass builds the model. Queries expect search_path = '' so that the
// server prints user objects schema-qualified.
//
// Column layouts are documented beside each query in catalog_queries.cpp and
// read by position in catalog_reader.cpp; change both together.
// The row-level security query (policy_query.cpp).
std::string policy_query();
// The owners and grants query (access_query.cpp).
std::string access_query();

struct CatalogQueries {
  // `server_version_num` selects the spelling for catalog columns that not
  // every supported server has (pg_index.indnullsnotdistinct, PG 15).
  explicit CatalogQueries(int server_version_num);

  std::string schemas;      // binds the requested names (empty array: all)
  std::string extensions;   // no parameter
  std::string enums;
  std::string domains;
  std::string composite_types;
  std::string collations;
  std::string text_search_configs;
  std::string sequences;
  std::string columns;      // tables and their columns
  std::string constraints;
  std::string views;
  std::string indexes;      // of tables and materialized views
  std::string comments;     // on relations and columns
  std::string policies;     // row-level security and policies of tables
  std::string access;       // owners and grants (only when managed)
  std::string unmanaged;
  std::string functions;   // functions and procedures (function_query.cpp)
  std::string aggregates;
  std::string triggers;
};

// function_query.cpp
std::string functions_query(int server_version_num);
std::string aggregates_query();
std::string triggers_query();

}  // namespace strata::introspect
