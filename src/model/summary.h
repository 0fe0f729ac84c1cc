#pragma once

#include <string>

#include "model/schema.h"

namespace strata::model {

// Object counts of a model, for `strata validate` and `inspect`.
struct Summary {
  int schemas = 0;
  int extensions = 0;
  int tables = 0;
  int columns = 0;
  int indexes = 0;  // standalone indexes of tables and materialized views
  int primary_keys = 0;
  int unique_constraints = 0;
  int check_constraints = 0;
  int foreign_keys = 0;
  int exclusion_constraints = 0;
  int enums = 0;
  int sequences = 0;  // free-standing only (not those of serial/identity columns)
  int views = 0;      // plain views
  int materialized_views = 0;
  int domains = 0;
  int composite_types = 0;
  int collations = 0;
  int text_search_configurations = 0;
  int functions = 0;  // functions and procedures
  int aggregates = 0;
  int triggers = 0;

  int constraints() const {
    return primary_keys + unique_constraints + check_constraints + foreign_keys +
           exclusion_constraints;
  }
  // "2 schemas, 7 tables, 41 columns, 9 indexes, 18 constraints (7 primary key,
  // 2 unique, 3 check, 5 foreign key, 1 exclusion), 2 enums, 1 sequence,
  // 1 view, 1 materialized view, 1 extension": one line, singular/plural right;
  // domains, composite types, collations, text search configurations,
  // functions, aggregates and triggers follow when there are any.
  std::string str() const;

  bool operator==(const Summary&) const = default;
};

Summary summarize(const Schema& schema);

}  // namespace strata::model
