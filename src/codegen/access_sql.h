#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The statements of owner and privilege changes. Internal to codegen.
std::string set_owner_sql(const diff::SetOwner& c);
std::string alter_privileges_sql(const diff::AlterPrivileges& c);
// "table public.users", "schema app", ... for descriptions.
std::string access_target_text(const diff::AccessTarget& t);

}  // namespace strata::codegen
