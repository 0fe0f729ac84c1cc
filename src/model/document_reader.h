#pragma once

// Internal to the YAML loader: reads one YAML document into the model being
// merged, checking everything that one file can tell on its own (keys, value
// kinds, names, expression syntax). Cross-file checks are in model_validator.

#include <string>

#include "model/load_context.h"
#include "model/schema.h"
#include "model/yaml_document.h"

namespace strata::model {

// Adds the objects of one document to `into`, recording locations and
// problems in `ctx`. Duplicates against what `into` already holds (from
// earlier files) are reported here.
void read_document(const std::string& file_name, const std::string& text, Schema& into,
                   LoadContext& ctx);
// As above, with the text already parsed (parse_yaml(text)).
void read_document(const std::string& file_name, const std::string& text,
                   const YamlStream& parsed, Schema& into, LoadContext& ctx);

}  // namespace strata::model
