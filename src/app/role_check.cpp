#include <soci/soci.h>

#include <set>

#include "app/project.h"
#include "core/error.h"
#include "introspect/normalize.h"
#include "sql/quote.h"

namespace strata::app {
namespace {

void add_access(const model::Access& a, const diff::Options& o, std::set<std::string>& out) {
  if (o.manage_owners && a.owner) out.insert(*a.owner);
  if (o.manage_privileges)
    for (const auto& [grantee, _] : a.grants)
      if (grantee != "public") out.insert(grantee);
}

std::set<std::string> named_roles(const model::Schema& s, const diff::Options& o) {
  std::set<std::string> out;
  for (const auto& [_, ns] : s.namespaces) {
    add_access(ns.access, o, out);
    for (const auto& [_, t] : ns.tables) {
      add_access(t.access, o, out);
      for (const auto& [_, p] : t.policies)
        for (const auto& r : p.roles)
          if (r != "public") out.insert(r);
    }
    for (const auto& [_, v] : ns.views) add_access(v.access, o, out);
    for (const auto& [_, q] : ns.sequences) add_access(q.access, o, out);
    for (const auto& [_, e] : ns.enums) add_access(e.access, o, out);
    for (const auto& [_, f] : ns.functions) add_access(f.access, o, out);
  }
  return out;
}

}  // namespace

std::vector<Diagnostic> missing_roles(db::Connection& conn, const model::Schema& models,
                                      const model::SourceMap& where, const diff::Options& options) {
  std::set<std::string> roles = named_roles(models, options);
  std::vector<Diagnostic> missing;
  if (roles.empty()) return missing;
  std::string list = introspect::text_array_literal({roles.begin(), roles.end()});
  conn.count_statement();
  soci::rowset<std::string> rows =
      (conn.session().prepare << "SELECT r FROM pg_catalog.unnest(CAST(:l AS text[])) AS r "
                                 "WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles p WHERE p.rolname = r) "
                                 "ORDER BY 1",
       soci::use(list));
  for (const auto& r : rows)
    missing.push_back({where.find("role", r),
                       "role '" + r + "' does not exist on the server; roles are not managed by "
                       "Strata: create it first (CREATE ROLE " + sql::quote_ident(r) + ") or change the model to a "
                       "role that exists"});
  return missing;
}

}  // namespace strata::app
