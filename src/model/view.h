#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/function.h"
#include "model/index.h"
#include "model/privilege.h"

namespace strata::model {

// A privilege granted on a view to a role (or PUBLIC), read from relacl.
struct ViewGrant {
  std::string grantee;    // a role name, or "PUBLIC"
  std::string privilege;  // "SELECT", "INSERT", ...
  bool grantable = false;  // WITH GRANT OPTION
  bool operator==(const ViewGrant&) const = default;
};

struct View {
  std::string name;
  std::string query;  // the SELECT, as pg_get_viewdef prints it once applied
  bool materialized = false;
  std::map<std::string, Index> indexes;  // materialized views only
  std::optional<std::string> comment;
  Access access;  // owner and grants, when managed
  // Triggers of a plain view (INSTEAD OF row triggers, BEFORE/AFTER statement
  // triggers), by name; PostgreSQL allows none on a materialized view.
  std::map<std::string, Trigger> triggers;
  // Catalog side only (models do not describe them): what hangs on the view
  // and goes with it when it is dropped, so that a view dropped and created
  // again by a plan gets it back. The owner's own privileges are not listed.
  std::vector<ViewGrant> grants;
  std::map<std::string, std::string> column_comments;  // column -> comment
  std::vector<std::string> rules;     // CREATE RULE ... as pg_get_ruledef prints it
  bool with_no_data = false;  // materialized only: created (or left) unpopulated

  bool operator==(const View&) const = default;
};

}  // namespace strata::model
