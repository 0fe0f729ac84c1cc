#include "model/extension_types.h"

#include <map>
#include <vector>

namespace strata::model {

std::optional<std::string> extension_of_type(std::string_view name) {
  static const std::map<std::string, std::vector<std::string>> kTypes = {
      {"citext", {"citext"}},
      {"hstore", {"hstore"}},
      {"ltree", {"ltree", "lquery", "ltxtquery"}},
      {"cube", {"cube"}},
      {"isn", {"ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc"}},
      {"seg", {"seg"}},
      {"intarray", {"query_int"}},
      {"pg_trgm", {"gtrgm"}},
  };
  for (const auto& [ext, types] : kTypes)
    for (const auto& t : types)
      if (t == name) return ext;
  return std::nullopt;
}

}  // namespace strata::model
