#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The statements of the row-level security changes. Internal to codegen.
std::string set_row_security_sql(const diff::SetRowSecurity& c);
std::string create_policy_sql(const diff::CreatePolicy& c);
std::string drop_policy_sql(const diff::DropPolicy& c);
std::string alter_policy_sql(const diff::AlterPolicy& c);

}  // namespace strata::codegen
