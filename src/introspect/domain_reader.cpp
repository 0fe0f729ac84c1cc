// The domains query (see CatalogQueries::domains) into model::Domain.
#include <nlohmann/json.hpp>

#include "introspect/catalog_reader.h"
#include "introspect/normalize.h"
#include "sql/quote.h"

namespace strata::introspect {

void CatalogReader::read_domains() {
  run("domains", queries_.domains, true, [&](const CatalogRow& r) {
    model::Domain d;
    d.name = r.text(1);
    d.type = r.text(2);
    d.nullable = !r.flag(3);
    d.default_expr = r.optional(4);
    d.collation = r.optional(5);
    d.comment = r.optional(7);
    if (!r.null(6))
      for (const auto& c : nlohmann::json::parse(r.text(6))) {
        std::string name = c[0].get<std::string>();
        d.checks[name] = check_body(c[1].get<std::string>());
        if (!c[2].get<bool>())
          out_.unmanaged["constraints not validated (read as valid)"].push_back(
              sql::quote_qualified(r.text(0), d.name) + "." + sql::quote_ident(name));
      }
    ns(r.text(0)).domains[d.name] = std::move(d);
  });
}

}  // namespace strata::introspect
