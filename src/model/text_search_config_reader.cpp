#include "model/text_search_config_reader.h"

namespace strata::model {
namespace {

// Built-in objects are named bare, as the catalog prints them.
std::string bare_builtin(const std::string& name) {
  return name.starts_with("pg_catalog.") ? name.substr(11) : name;
}

}  // namespace

void read_text_search_config(YamlFields& y, Namespace& ns, const std::string& name,
                             const YamlFields::Entry& e) {
  if (!y.identifier(e.key, name, "text search configuration")) return;
  std::string what = "text search configuration '" + ns.name + "." + name + "'";
  if (!y.first_definition(loc_key("ts_config", ns.name, name), e.key, what)) return;
  if (!e.value.is_map()) {
    y.error(e.value, what + " must be a mapping (parser, mappings)");
    return;
  }
  TextSearchConfig c;
  c.name = name;
  auto f = y.fields(e.value, what, {"parser", "mappings", "comment", "copy"});
  if (f.count("copy"))
    y.error(f["copy"].key, what + ": copy is not kept in the models (the catalog does not remember it); "
                                  "write the mappings out under mappings: (strata inspect writes them "
                                  "for a configuration made with COPY)");
  if (f.count("parser"))
    if (auto v = y.name(f["parser"].value, "parser")) c.parser = bare_builtin(*v);
  if (f.count("mappings")) {
    for (auto& [token, m] : y.entries(f["mappings"].value, "mappings of " + what, "token type")) {
      if (!y.identifier(m.key, token, "token type")) continue;
      auto dictionaries = y.string_list(m.value, "dictionaries of token type '" + token + "'");
      if (!dictionaries) continue;
      if (dictionaries->empty()) {
        y.error(m.value, "token type '" + token + "' of " + what +
                             " maps to no dictionary; name one (e.g. simple) or remove the token type");
        continue;
      }
      for (auto& d : *dictionaries) d = bare_builtin(d);
      c.mappings[token] = std::move(*dictionaries);
    }
  }
  if (f.count("comment"))
    if (auto v = y.string(f["comment"].value, "comment")) c.comment = *v;
  ns.text_search_configs[name] = std::move(c);
}

}  // namespace strata::model
