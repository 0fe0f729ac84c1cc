#pragma once

#include <string>

#include "diff/change.h"

namespace strata::codegen {

// The SQL of the text search configuration changes, each statement ending
// in ";\n".
std::string text_search_config_sql(const diff::CreateTextSearchConfig& c);
std::string text_search_config_sql(const diff::DropTextSearchConfig& c);
std::string text_search_config_sql(const diff::AlterTextSearchMapping& c);

}  // namespace strata::codegen
