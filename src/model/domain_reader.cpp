#include "model/domain_reader.h"

namespace strata::model {

void read_domain(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
  if (!y.identifier(e.key, name, "domain")) return;
  std::string what = "domain '" + ns.name + "." + name + "'";
  if (!y.first_definition(loc_key("domain", ns.name, name), e.key, what)) return;
  Domain d;
  d.name = name;
  std::string type_key = loc_key("domain_type", ns.name, name);
  if (e.value.is_scalar()) {
    if (auto v = y.name(e.value, "type")) {
      d.type = *v;
      y.ctx().mark(type_key, y.place(e.value));
    }
  } else {
    auto f = y.fields(e.value, what, {"type", "nullable", "default", "collation", "checks", "comment"});
    if (!f.count("type")) {
      y.error(e.key, what + " has no type; add type: (the base type, e.g. type: integer)");
    } else if (auto v = y.name(f["type"].value, "type")) {
      d.type = *v;
      y.ctx().mark(type_key, y.place(f["type"].value));
    }
    if (f.count("nullable"))
      if (auto b = y.boolean(f["nullable"].value, "nullable")) d.nullable = *b;
    if (f.count("default"))
      if (auto v = y.string(f["default"].value, "default");
          v && y.expression(f["default"].value, *v, "default of " + what, sql::ExpressionUse::kColumnDefault))
        d.default_expr = *v;
    if (f.count("collation"))
      if (auto v = y.name(f["collation"].value, "collation")) d.collation = *v;
    if (f.count("comment"))
      if (auto v = y.string(f["comment"].value, "comment")) d.comment = *v;
    if (f.count("checks")) {
      for (auto& [check, c] : y.entries(f["checks"].value, "checks of " + what, "check")) {
        if (!y.identifier(c.key, check, "check")) continue;
        auto v = y.string(c.value, "check");
        if (!v || !y.expression(c.value, *v, "domain check")) continue;
        d.checks[check] = *v;
      }
    }
  }
  ns.domains[name] = std::move(d);
}

}  // namespace strata::model
