#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "introspect/catalog_queries.h"
#include "introspect/inspector.h"
#include "model/schema.h"

struct pg_result;

namespace strata::db {
class Connection;
}

namespace strata::introspect {

// One result row whose columns are all text (see CatalogQueries).
class CatalogRow {
 public:
  CatalogRow(const pg_result* result, int row) : result_(result), row_(row) {}

  bool null(int i) const;
  std::string text(int i) const;                 // "" when NULL
  std::optional<std::string> optional(int i) const;
  std::int64_t number(int i) const;              // 0 when NULL
  bool flag(int i) const { return number(i) != 0; }

 private:
  const pg_result* result_;
  int row_;
};

// Builds an Inspection from the catalog queries, one read_* per query, in
// the order read_all() calls them (later readers look up what earlier ones
// built: tables by oid, sequences by owner column).
class CatalogReader {
 public:
  CatalogReader(db::Connection& connection, int server_version_num);

  // Every read_* below in order, then finish(). The queries are sent at once
  // (libpq's pipeline mode): one round trip for all of them, and the server
  // runs the next query while the rows of the last one are read into the
  // model. When `options.schemas` is empty the schemas are resolved first
  // (one more round trip), as the other queries bind their names.
  Inspection read_all(const Options& options);

  // Resolves the managed schemas (all when `requested` is empty) and adds
  // them to the model. Throws UsageError naming any requested schema that
  // does not exist.
  void read_schemas(const std::vector<std::string>& requested);
  void read_extensions();
  void read_enums();
  void read_domains();  // domain_reader.cpp
  void read_composite_types();      // composite_type_reader.cpp
  void read_collations();           // collation_reader.cpp
  void read_text_search_configs();  // text_search_config_reader.cpp
  void read_sequences();
  void read_tables();
  void read_constraints();
  void read_views();
  void read_indexes();
  void read_comments();
  void read_policies();  // policy_query.cpp
  // access_query.cpp: owners and/or grants, when the project manages them
  // (no statement otherwise).
  void read_access(bool owners, bool privileges);
  void read_unmanaged();
  // function_query.cpp; read_triggers after read_tables.
  void read_functions();
  void read_aggregates();
  void read_triggers();

  // Drops free-standing sequences owned by tables outside the model (named
  // as unmanaged) and returns the result.
  Inspection finish();

 private:
  struct OwnedSequence {
    model::Sequence sequence;
    std::string schema;
    std::string deptype;       // "a" owned by, "i" identity
    std::string owner_schema;
    bool logged = true;  // relpersistence
  };
  // What a pg_class oid is in the model, for the readers that come later.
  struct Relation {
    model::Table* table = nullptr;
    model::View* view = nullptr;
    model::Index* index = nullptr;
    std::string schema;             // set for a table
    std::map<int, size_t> columns;  // attnum -> position in table->columns
    // attnum -> name of the columns not in table->columns: a partition's,
    // and those an inheritance child only inherits.
    std::map<int, std::string> partition_columns;
    std::string sequence_schema;    // set for a sequence
    std::string sequence_name;
  };

  // Runs `sql` (binding the schemas as $1 when `bind_schemas`), or, when
  // read_all() has sent it ahead, takes its result, and calls `on_row` for
  // each row.
  void run(const char* what, const std::string& sql, bool bind_schemas,
           const std::function<void(const CatalogRow&)>& on_row);
  class Pipeline;
  model::Namespace& ns(const std::string& name);
  // Column names of a model table from attnums as text ("{1,3}"); empty if
  // the table or a column is not in the model.
  std::vector<std::string> column_names(std::int64_t table_oid, const std::string& numbers) const;
  std::vector<std::string> ref_column_names(const model::QualifiedName& table,
                                            const std::string& numbers) const;
  void finish_column(std::int64_t table_oid, int attnum, const std::string& schema,
                     const model::Table& table, model::Column& column);

  db::Connection& connection_;
  CatalogQueries queries_;
  Inspection out_;
  std::string schemas_param_;  // the managed schemas as a text[] literal
  Pipeline* pipeline_ = nullptr;  // the queries read_all() sent ahead
  // (table oid, attnum) -> the sequence owned by or generating that column.
  std::map<std::pair<std::int64_t, int>, OwnedSequence> owned_sequences_;
  std::map<std::int64_t, Relation> relations_;
  // Functions and procedures of the model by oid: schema and signature.
  std::map<std::int64_t, std::pair<std::string, std::string>> function_keys_;
  std::map<model::QualifiedName, std::int64_t> table_oids_;
};

}  // namespace strata::introspect
