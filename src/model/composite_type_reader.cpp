#include "model/composite_type_reader.h"

namespace strata::model {
namespace {

void read_attribute(YamlFields& y, const std::string& ns, CompositeType& t, const std::string& name,
                    const YamlFields::Entry& e) {
  if (!y.identifier(e.key, name, "attribute")) return;
  CompositeAttribute a;
  a.name = name;
  std::string type_key = loc_key("attribute_type", ns, t.name, name);
  y.ctx().mark(loc_key("attribute", ns, t.name, name), y.loc(e.key));
  if (e.value.is_scalar()) {
    if (auto v = y.name(e.value, "type")) {
      a.type = *v;
      y.ctx().mark(type_key, y.loc(e.value));
    }
  } else if (e.value.is_map()) {
    auto f = y.fields(e.value, "attribute '" + name + "'", {"type", "collation"});
    if (!f.count("type")) {
      y.error(e.key, "attribute '" + name + "' of composite type '" + ns + "." + t.name +
                         "' has no type; add type: (e.g. type: text)");
    } else if (auto v = y.name(f["type"].value, "type")) {
      a.type = *v;
      y.ctx().mark(type_key, y.loc(f["type"].value));
    }
    if (f.count("collation"))
      if (auto v = y.name(f["collation"].value, "collation")) a.collation = *v;
  } else {
    y.error(e.value, "attribute '" + name + "' must be a type or a mapping with type and collation");
    return;
  }
  t.attributes.push_back(std::move(a));
}

}  // namespace

void read_composite_type(YamlFields& y, Namespace& ns, const std::string& name, const YamlFields::Entry& e) {
  if (!y.identifier(e.key, name, "composite type")) return;
  std::string what = "composite type '" + ns.name + "." + name + "'";
  if (!y.first_definition(loc_key("composite", ns.name, name), e.key, what)) return;
  CompositeType t;
  t.name = name;
  if (!e.value.is_map()) {
    y.error(e.value, what + " must be a mapping with attributes: (name: type, ...)");
    return;
  }
  auto f = y.fields(e.value, what, {"attributes", "comment"});
  if (!f.count("attributes")) {
    y.error(e.key, what + " has no attributes; add attributes: (name: type, in order)");
  } else {
    for (auto& [attr, a] : y.entries(f["attributes"].value, "attributes of " + what, "attribute"))
      read_attribute(y, ns.name, t, attr, a);
    if (t.attributes.empty() && f["attributes"].value.is_map())
      y.error(f["attributes"].key, what + " has no attributes; name at least one (name: type)");
  }
  if (f.count("comment"))
    if (auto v = y.string(f["comment"].value, "comment")) t.comment = *v;
  ns.composite_types[name] = std::move(t);
}

}  // namespace strata::model
