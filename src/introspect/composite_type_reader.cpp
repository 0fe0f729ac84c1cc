// The composite types query (see CatalogQueries::composite_types) into
// model::CompositeType.
#include <nlohmann/json.hpp>

#include "introspect/catalog_reader.h"

namespace strata::introspect {

void CatalogReader::read_composite_types() {
  run("composite types", queries_.composite_types, true, [&](const CatalogRow& r) {
    model::CompositeType t;
    t.name = r.text(1);
    t.comment = r.optional(3);
    if (!r.null(2))
      for (const auto& a : nlohmann::json::parse(r.text(2))) {
        model::CompositeAttribute attribute;
        attribute.name = a[0].get<std::string>();
        attribute.type = a[1].get<std::string>();
        if (!a[2].is_null()) attribute.collation = a[2].get<std::string>();
        t.attributes.push_back(std::move(attribute));
      }
    ns(r.text(0)).composite_types[t.name] = std::move(t);
  });
}

}  // namespace strata::introspect
