#pragma once

// What `create` does with shadow databases (see shadow/): choosing where
// they are made, replaying the applied chain in one to find drift, and
// copying the target's catalog into one for the proof. Internal to app.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/project.h"
#include "model/schema.h"
#include "revision/revision.h"
#include "shadow/shadow_database.h"

namespace strata::app {

// Where shadows can be made for this project, or why none can.
struct ShadowServer {
  std::optional<shadow::ShadowOptions> options;  // nullopt: no shadow can be had
  bool configured = false;   // from database.shadow_url
  std::string why_not;       // one line when options is empty
};

// database.shadow_url when configured (a bad URL is a UsageError naming
// where it was configured); else the target's server when the role of
// `target` may create databases (always the case for database.url: local).
ShadowServer find_shadow_server(const Project& project, db::Connection& target);

// A shadow holding the state the applied revisions produce.
struct Replay {
  std::unique_ptr<shadow::ShadowDatabase> db;
  model::Schema schema;  // its managed schemas, inspected
};

// Creates an empty shadow and applies `chain` (root first, up to the
// target's current revision) to it with the applier, then inspects it.
// Throws (strata::Error, DatabaseError) when a revision fails there.
Replay replay_chain(const Project& project, const shadow::ShadowOptions& where,
                    const std::vector<revision::Revision>& chain);

// The changes that would take `live` to `replayed`, one line each as a
// revision header lists them ("- column public.t.experiment text"); empty
// when they agree. Expressions are confirmed on `conn` (a shadow).
std::vector<std::string> drift_between(const Project& project, db::Connection& conn, const model::Schema& live,
                                       const model::Schema& replayed);

// A shadow holding a schema-only copy of the database at `target_url`
// (see shadow::copy_catalog); owners and privileges are kept when the shadow
// is on the target's own server.
std::unique_ptr<shadow::ShadowDatabase> copy_target(const Project& project, const ShadowServer& where,
                                                   db::Connection& target);

}  // namespace strata::app
