#include "model/collation_reader.h"

namespace strata::model {

void read_collation(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
  if (!y.identifier(e.key, name, "collation")) return;
  std::string what = "collation '" + ns.name + "." + name + "'";
  if (!y.first_definition(loc_key("collation", ns.name, name), e.key, what)) return;
  if (!e.value.is_map()) {
    y.error(e.value, what + " must be a mapping (provider, locale, deterministic)");
    return;
  }
  Collation c;
  c.name = name;
  auto f = y.fields(e.value, what,
                    {"provider", "locale", "lc_collate", "lc_ctype", "deterministic", "comment"});
  if (f.count("provider"))
    if (auto v = y.name(f["provider"].value, "provider")) {
      if (*v == "libc" || *v == "icu")
        c.provider = *v;
      else
        y.error(f["provider"].value, "provider of " + what + " must be libc or icu, not '" + *v + "'");
    }
  if (f.count("locale"))
    if (auto v = y.name(f["locale"].value, "locale")) c.locale = *v;
  if (f.count("lc_collate"))
    if (auto v = y.name(f["lc_collate"].value, "lc_collate")) c.lc_collate = *v;
  if (f.count("lc_ctype"))
    if (auto v = y.name(f["lc_ctype"].value, "lc_ctype")) c.lc_ctype = *v;
  if (f.count("deterministic"))
    if (auto b = y.boolean(f["deterministic"].value, "deterministic")) c.deterministic = *b;
  if (f.count("comment"))
    if (auto v = y.string(f["comment"].value, "comment")) c.comment = *v;

  bool split = f.count("lc_collate") || f.count("lc_ctype");
  if (split && c.provider == "icu") {
    y.error(f.count("lc_collate") ? f["lc_collate"].key : f["lc_ctype"].key,
            what + ": lc_collate and lc_ctype are for the libc provider; an icu collation takes locale");
  } else if (split && f.count("locale")) {
    y.error(f["locale"].key, what + " has both locale and lc_collate/lc_ctype; write locale alone, "
                                    "or lc_collate and lc_ctype");
  } else if (split && (!c.lc_collate || !c.lc_ctype)) {
    y.error(f.count("lc_collate") ? f["lc_collate"].key : f["lc_ctype"].key,
            what + " needs both lc_collate and lc_ctype (or locale alone)");
  } else if (!split && !f.count("locale")) {
    y.error(e.key, what + " has no locale; add locale: (e.g. locale: en-u-kn-true for icu, "
                          "locale: C for libc)");
  }
  // Equal parts are one locale, as the catalog reads them.
  if (c.lc_collate && c.lc_ctype && *c.lc_collate == *c.lc_ctype) {
    c.locale = c.lc_collate;
    c.lc_collate.reset();
    c.lc_ctype.reset();
  }
  if (!c.deterministic && c.provider != "icu")
    y.error(f["deterministic"].value, what + ": only icu collations can be nondeterministic; "
                                             "add provider: icu or remove deterministic: false");
  ns.collations[name] = std::move(c);
}

}  // namespace strata::model
