#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::model {

// CREATE TEXT SEARCH CONFIGURATION name (PARSER = parser) and its mappings
// (ALTER ... ADD MAPPING FOR token WITH dictionary, ...). The model holds the
// mappings themselves, never the configuration they were copied from.
struct TextSearchConfig {
  std::string name;
  // Parser name, bare when in pg_catalog ("default"), else schema-qualified.
  std::string parser = "default";
  // Token type (the parser's alias, "asciiword") -> dictionaries in the order
  // they are consulted, named as the parser is ("english_stem", "public.d").
  std::map<std::string, std::vector<std::string>> mappings;
  std::optional<std::string> comment;

  bool operator==(const TextSearchConfig&) const = default;
};

}  // namespace strata::model
