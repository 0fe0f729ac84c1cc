#pragma once

// The SQL of functions, procedures, aggregates and triggers.

#include <string>

#include "model/function.h"
#include "model/qualified_name.h"

namespace strata::codegen {

// CREATE [OR REPLACE] FUNCTION / PROCEDURE `name` (schema and function name),
// then (without `or_replace`) its comment when it has one.
std::string create_function(const model::QualifiedName& name, const model::Function& fn,
                            bool or_replace);
// "schema.name(type, type)": how DROP and COMMENT ON name a function.
std::string function_identity(const model::QualifiedName& name, const model::Function& fn);
std::string drop_function(const model::QualifiedName& name, const model::Function& fn);

std::string create_aggregate(const model::QualifiedName& name, const model::Aggregate& ag);
std::string drop_aggregate(const model::QualifiedName& name, const model::Aggregate& ag);

// CREATE [CONSTRAINT] TRIGGER on `table`, then its enabled state when not the
// default, and its comment.
std::string create_trigger(const model::QualifiedName& table, const model::Trigger& tg);
std::string drop_trigger(const model::QualifiedName& table, const model::Trigger& tg);
std::string enable_trigger(const model::QualifiedName& table, const std::string& trigger,
                           const std::string& state);

}  // namespace strata::codegen
