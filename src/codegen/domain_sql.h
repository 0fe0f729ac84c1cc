#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The SQL of the domain changes, each statement ending in ";\n".
std::string domain_sql(const diff::CreateDomain& c);
std::string domain_sql(const diff::DropDomain& c);
std::string domain_sql(const diff::AlterDomain& c);
std::string domain_sql(const diff::AddDomainCheck& c);
std::string domain_sql(const diff::DropDomainCheck& c);

}  // namespace strata::codegen
