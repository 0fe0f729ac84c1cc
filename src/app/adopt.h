#pragma once

// `strata adopt`: takes an existing database under management in one step.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/results.h"

namespace strata::app {

struct AdoptOptions {
  std::string message = "Baseline: the schema as adopted";
  bool split = false;  // one model file per table, as inspect --split
};

struct AdoptResult {
  std::string revision;  // the baseline's id, at which the database is stamped
  std::string up_file;   // relative to the root
  std::string down_file;
  std::vector<std::string> models;  // model files written, relative to the root
  std::map<std::string, int> counts;
  std::string summary;                   // "2 schemas, 3 tables, ..."
  std::map<std::string, int> unmanaged;  // kind -> count: left out of the models and the baseline
  std::vector<std::string> changes;      // the baseline's change lines
  std::vector<ProofStep> proof;
};
void to_json(nlohmann::json& j, const AdoptResult& r);

// Reads the managed schemas of a database Strata has never managed and, all
// or nothing:
//  - writes them as models under paths.schema (model::save_files; the
//    placeholder `init` writes is replaced),
//  - writes a baseline revision planned from an empty database to those
//    models (up creates the schema, down drops it),
//  - stamps the database at it (recorded as applied; no SQL run).
// Before writing anything it proves, inside BEGIN ... ROLLBACK on the
// database (lock_timeout set): the models describe the database exactly;
// down leaves the managed schemas empty; then up, down, up as `create`
// proves a revision.
// Refuses (UsageError, nothing written) when migrations/ holds revisions,
// schema/ holds models, the database has revisions recorded, or the managed
// schemas hold nothing. On any failure the files written so far are removed
// (and the placeholder put back), so the project is as it was.
AdoptResult adopt(const Context& ctx, const AdoptOptions& options);

}  // namespace strata::app
