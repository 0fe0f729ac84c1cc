// The collations query (see CatalogQueries::collations) into model::Collation.
#include "introspect/catalog_reader.h"
#include "sql/quote.h"

namespace strata::introspect {

void CatalogReader::read_collations() {
  run("collations", queries_.collations, true, [&](const CatalogRow& r) {
    std::string provider = r.text(2);
    // Another provider (builtin, PostgreSQL 17) or ICU tailoring rules are
    // not modelled: named as unmanaged rather than read half.
    if ((provider != "icu" && provider != "libc") || !r.null(8)) {
      out_.unmanaged["collations"].push_back(sql::quote_qualified(r.text(0), r.text(1)));
      return;
    }
    model::Collation c;
    c.name = r.text(1);
    c.provider = provider;
    if (provider == "icu") {
      c.locale = r.optional(3);
    } else if (r.text(4) == r.text(5)) {
      c.locale = r.optional(4);
    } else {
      c.lc_collate = r.optional(4);
      c.lc_ctype = r.optional(5);
    }
    c.deterministic = r.flag(6);
    c.comment = r.optional(7);
    ns(r.text(0)).collations[c.name] = std::move(c);
  });
}

}  // namespace strata::introspect
