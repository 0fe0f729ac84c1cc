#pragma once

// The hazard rules: one parsed statement in, what it risks out. Pure.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/hazard_kind.h"
#include "sql/script.h"

namespace strata::lint {

struct StatementHazard {
  HazardKind kind = HazardKind::kDataLoss;
  std::string message;  // what happens and the safe alternative

  bool operator==(const StatementHazard&) const = default;
};

// The tables created so far in one file, as (schema, name); the schema is
// empty when the statement did not write one. A statement on such a table
// risks nothing: the table is new and empty.
class CreatedTables {
 public:
  void add(std::string schema, std::string name);
  bool contains(const std::string& schema, const std::string& name) const;

 private:
  // name -> the schemas it was created in ("" when none was written):
  // looked up by name, so a file of n tables costs n log n, not n squared.
  std::map<std::string, std::set<std::string>, std::less<>> tables_;
};

// What the rules make of a statement from its head alone (its kind, and the
// table of a CREATE TABLE, CREATE TABLE AS or CREATE INDEX), so its tree need
// not be read: true when hazards_of_statement would find nothing in it,
// having recorded in `created` what it would record (a table created); false
// when the rules must see the tree (a kind they look into, or no head).
bool settled_by_head(const sql::StatementHead& head, CreatedTables& created);

// The hazards of `stmt` (one element of libpg_query's "stmts" array, its
// "stmt" member), in the order found. Records the tables it creates in
// `created`.
std::vector<StatementHazard> hazards_of_statement(const nlohmann::json& stmt,
                                                  CreatedTables& created);

}  // namespace strata::lint
