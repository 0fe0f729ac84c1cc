#include "diff/type_object_uses.h"

#include "model/type_name.h"

namespace strata::diff {
namespace {

std::string path(const std::string& a, const std::string& b, const std::string& c) { return a + "." + b + "." + c; }

// True when `text` (a canonical type, "SETOF type" or "TABLE(name type,
// ...)") names type `name` as a whole word.
bool names_type(const std::string& text, const std::string& name) {
  auto boundary = [](char c) { return c == ' ' || c == '(' || c == ')' || c == ',' || c == '['; };
  for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    bool before = at == 0 || boundary(text[at - 1]);
    std::size_t end = at + name.size();
    bool after = end == text.size() || boundary(text[end]);
    if (before && after) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> type_users(const model::Schema& schema, const model::QualifiedName& type) {
  std::string name = model::qualify_user_type(type.schema, type.name, false);
  auto is = [&](const std::string& t) { return t == name || t == name + "[]"; };
  std::vector<std::string> out;
  for (const auto& [ns_name, ns] : schema.namespaces) {
    for (const auto& [table, t] : ns.tables)
      for (const auto& c : t.columns)
        if (is(c.type)) out.push_back(path(ns_name, table, c.name));
    for (const auto& [ct_name, ct] : ns.composite_types)
      for (const auto& a : ct.attributes)
        if (is(a.type)) out.push_back(path(ns_name, ct_name, a.name));
    for (const auto& [d_name, d] : ns.domains)
      if (is(d.type)) out.push_back("domain " + ns_name + "." + d_name);
  }
  return out;
}

std::vector<std::string> routine_type_users(const model::Schema& schema, const model::QualifiedName& type) {
  std::string name = model::qualify_user_type(type.schema, type.name, false);
  std::vector<std::string> out;
  for (const auto& [ns_name, ns] : schema.namespaces) {
    for (const auto& [key, fn] : ns.functions) {
      bool uses = names_type(fn.returns, name);
      for (const auto& a : fn.arguments) uses = uses || names_type(a.type, name);
      if (uses) out.push_back(std::string(fn.procedure ? "procedure " : "function ") + ns_name + "." + key);
    }
    for (const auto& [key, ag] : ns.aggregates) {
      bool uses = names_type(ag.stype, name);
      for (const auto& a : ag.arguments) uses = uses || names_type(a, name);
      if (uses) out.push_back("aggregate " + ns_name + "." + key);
    }
  }
  return out;
}

std::vector<std::string> collation_users(const model::Schema& schema, const model::QualifiedName& collation) {
  std::string name = collation.schema + "." + collation.name;
  auto is = [&](const std::optional<std::string>& c) { return c && *c == name; };
  std::vector<std::string> out;
  for (const auto& [ns_name, ns] : schema.namespaces) {
    for (const auto& [table, t] : ns.tables) {
      for (const auto& c : t.columns)
        if (is(c.collation)) out.push_back(path(ns_name, table, c.name));
      for (const auto& [ix_name, ix] : t.indexes)
        for (const auto& k : ix.keys)
          if (is(k.collation)) out.push_back("index " + ns_name + "." + ix_name);
    }
    for (const auto& [ct_name, ct] : ns.composite_types)
      for (const auto& a : ct.attributes)
        if (is(a.collation)) out.push_back(path(ns_name, ct_name, a.name));
    for (const auto& [d_name, d] : ns.domains)
      if (is(d.collation)) out.push_back("domain " + ns_name + "." + d_name);
  }
  return out;
}

std::vector<std::string> text_search_config_users(const model::Schema& schema,
                                                  const model::QualifiedName& config) {
  std::vector<std::string> names = {"'" + config.schema + "." + config.name + "'"};
  if (config.schema == "public") names.push_back("'" + config.name + "'");
  auto names_it = [&](const std::optional<std::string>& text) {
    if (!text) return false;
    for (const auto& n : names)
      if (text->find(n) != std::string::npos) return true;
    return false;
  };
  std::vector<std::string> out;
  for (const auto& [ns_name, ns] : schema.namespaces) {
    for (const auto& [table, t] : ns.tables) {
      for (const auto& c : t.columns)
        if (names_it(c.default_expr) || names_it(c.generated)) out.push_back(path(ns_name, table, c.name));
      for (const auto& [ix_name, ix] : t.indexes) {
        bool uses = names_it(ix.where);
        for (const auto& k : ix.keys) uses = uses || names_it(k.expression);
        if (uses) out.push_back("index " + ns_name + "." + ix_name);
      }
      for (const auto& [ck_name, ck] : t.checks)
        if (names_it(std::optional<std::string>(ck.expression))) out.push_back("check " + ns_name + "." + table + "." + ck_name);
    }
    for (const auto& [v_name, v] : ns.views)
      if (names_it(std::optional<std::string>(v.query))) out.push_back("view " + ns_name + "." + v_name);
    // Bodies are read as text in every language: PostgreSQL records a
    // dependency (pg_depend) only for a SQL-standard body, never for one in
    // a string (plpgsql, or sql AS '...').
    for (const auto& [key, fn] : ns.functions)
      if (names_it(std::optional<std::string>(fn.body)))
        out.push_back(std::string(fn.procedure ? "procedure " : "function ") + ns_name + "." + key);
  }
  return out;
}

}  // namespace strata::diff
