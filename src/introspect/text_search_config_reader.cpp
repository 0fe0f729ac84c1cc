// The text search configurations query (see
// CatalogQueries::text_search_configs) into model::TextSearchConfig.
#include <nlohmann/json.hpp>

#include "introspect/catalog_reader.h"

namespace strata::introspect {

void CatalogReader::read_text_search_configs() {
  run("text search configurations", queries_.text_search_configs, true, [&](const CatalogRow& r) {
    model::TextSearchConfig c;
    c.name = r.text(1);
    c.parser = r.text(2);
    c.comment = r.optional(4);
    if (!r.null(3))
      for (const auto& m : nlohmann::json::parse(r.text(3)))
        c.mappings[m[0].get<std::string>()].push_back(m[1].get<std::string>());
    ns(r.text(0)).text_search_configs[c.name] = std::move(c);
  });
}

}  // namespace strata::introspect
