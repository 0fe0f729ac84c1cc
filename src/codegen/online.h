#pragma once

// The online form of a plan (`plan: online`): the changes on tables that
// exist before the revision runs, rendered in their lock-safe forms and cut
// into steps (revision/steps.h). Internal to codegen; render() calls it.
//
//   CREATE INDEX         -> no-transaction step: DROP INDEX CONCURRENTLY IF
//                           EXISTS (an invalid leftover), CREATE INDEX CONCURRENTLY
//   DROP INDEX           -> no-transaction step: DROP INDEX CONCURRENTLY IF EXISTS
//   ADD PRIMARY KEY /    -> no-transaction step building the unique index
//   UNIQUE                  concurrently, then ADD CONSTRAINT ... USING INDEX
//                           in a transaction step
//   ADD FOREIGN KEY /    -> ADD ... NOT VALID in a transaction step, then
//   CHECK                   VALIDATE CONSTRAINT in a transaction step of its own
//   SET NOT NULL         -> ADD CONSTRAINT <helper> CHECK (col IS NOT NULL)
//                           NOT VALID, VALIDATE it in a step of its own, then
//                           SET NOT NULL (no scan: the valid check proves it)
//                           and DROP CONSTRAINT <helper>
//
// Everything else, and anything on a table created (or dropped) by the same
// script, is rendered as the offline plan renders it. Plain changes between the online
// ones are grouped into one transaction step, in plan order; consecutive
// NOT VALID additions share a step and their validations follow them. The
// choice depends on the changes alone, never on data.

#include <set>
#include <string>
#include <vector>

#include "diff/change.h"
#include "diff/hazard.h"

namespace strata::codegen {

// One change of a script, in the order it runs, with the hazards of running
// it and the comment lines that introduce it (its description and warnings).
struct ScriptItem {
  const diff::Change* change = nullptr;
  std::vector<diff::Hazard> hazards;
  std::string comments;
};

struct OnlineScript {
  std::string body;             // "" when no change takes an online form
  int steps = 0;                // steps in `body`
  int no_transaction_steps = 0;
};

// The script of `items` in online form; body is empty when none of them
// takes one (the offline script is then the script).
OnlineScript render_online(const std::vector<ScriptItem>& items);

// The tables (and materialized views) the script creates, and the tables it
// drops: changes on them stay plain (an empty table needs no care; one that
// is dropped is locked by its drop anyway).
std::set<model::QualifiedName> tables_created(const std::vector<ScriptItem>& items);

// True when `change` takes an online form in a script creating `created`.
bool takes_online_form(const diff::Change& change, const std::set<model::QualifiedName>& created);

// `hazards` of `change` in an online script: a concurrent build does not
// block writes, and a validation takes SHARE UPDATE EXCLUSIVE (writes go
// on), so the blocking-build and exclusive-scan hazards are dropped for a
// change that takes an online form; the others stay.
std::vector<diff::Hazard> online_hazards(const diff::Change& change, const std::vector<diff::Hazard>& hazards,
                                         const std::set<model::QualifiedName>& created);

// The name of the helper check that proves `column` NOT NULL before SET NOT
// NULL: "<table>_<column>_strata_not_null", cut to 63 bytes as PostgreSQL cuts names.
std::string not_null_helper_name(const std::string& table, const std::string& column);

}  // namespace strata::codegen
