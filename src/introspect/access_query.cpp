// Owners and grants: the query (see catalog_queries.h) and its reader.
#include <set>

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "introspect/catalog_queries.h"
#include "introspect/catalog_reader.h"
#include "sql/quote.h"

namespace strata::introspect {
namespace {

// Owner and grants of the managed schemas and of their tables, views,
// materialized views, sequences, enum types, functions and procedures:
// 0 kind ('n' schema, or relkind 'r' / 'p' / 'v' / 'm' / 'S', or 'e' enum, or 'f'
// function or procedure), 1 schema, 2 name ('' for a schema; the oid for a
// function, whose signature the function reader knows), 3 owner, 4 grants
// (JSON [[grantee, privilege, grantable], ...], "public" for PUBLIC; NULL
// when none). Grants are what the ACL holds beyond PostgreSQL's defaults for
// the kind (acldefault: the owner's own privileges, USAGE on a type and
// EXECUTE on a function for PUBLIC), so an object whose privileges were
// never changed, or were changed and changed back, has none. Objects outside
// the model (partitions, extension members, C functions) are skipped by the
// reader.
constexpr const char* kAccess = R"SQL(
WITH p AS (SELECT CAST($1 AS text[]) AS names),
objects AS (
  SELECT 'n'::text AS kind, n.nspname AS schema, ''::name AS name, n.nspowner AS owner, n.nspacl AS acl,
         'n'::"char" AS deftype
  FROM pg_catalog.pg_namespace n CROSS JOIN p WHERE n.nspname = ANY (p.names)
  UNION ALL
  SELECT c.relkind::text, n.nspname, c.relname, c.relowner, c.relacl,
         CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char"
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN p
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname = ANY (p.names)
  UNION ALL
  SELECT 'e', n.nspname, t.typname, t.typowner, t.typacl, 'T'::"char"
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  CROSS JOIN p
  WHERE t.typtype = 'e' AND n.nspname = ANY (p.names)
  UNION ALL
  SELECT 'f', n.nspname, f.oid::text, f.proowner, f.proacl, 'f'::"char"
  FROM pg_catalog.pg_proc f
  JOIN pg_catalog.pg_namespace n ON n.oid = f.pronamespace
  CROSS JOIN p
  WHERE f.prokind IN ('f', 'p') AND n.nspname = ANY (p.names))
SELECT o.kind, o.schema::text, o.name::text, pg_catalog.pg_get_userbyid(o.owner)::text,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 CASE WHEN g.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END,
                 g.privilege_type, g.is_grantable))
        FROM pg_catalog.aclexplode(o.acl) AS g
        WHERE g.grantee <> o.owner
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(pg_catalog.acldefault(o.deftype, o.owner)) AS d
                          WHERE d.grantee = g.grantee AND d.privilege_type = g.privilege_type
                            AND d.is_grantable = g.is_grantable))::text
FROM objects o
ORDER BY 1, 2, 3
)SQL";

}  // namespace

std::string access_query() { return kAccess; }

void CatalogReader::read_access(bool owners, bool privileges) {
  if (!owners && !privileges) return;
  std::set<std::string> managed_relations;
  run("owners and privileges", queries_.access, true, [&](const CatalogRow& r) {
    auto it = out_.schema.namespaces.find(r.text(1));
    if (it == out_.schema.namespaces.end()) return;
    model::Namespace& n = it->second;
    std::string kind = r.text(0), name = r.text(2);
    model::Access* a = nullptr;
    if (kind == "n") {
      a = &n.access;
    } else if (kind == "r" || kind == "p") {
      if (auto t = n.tables.find(name); t != n.tables.end()) a = &t->second.access;
    } else if (kind == "v" || kind == "m") {
      if (auto v = n.views.find(name); v != n.views.end()) a = &v->second.access;
    } else if (kind == "S") {
      if (auto s = n.sequences.find(name); s != n.sequences.end()) a = &s->second.access;
    } else if (kind == "e") {
      if (auto e = n.enums.find(name); e != n.enums.end()) a = &e->second.access;
    } else if (kind == "f") {
      auto key = function_keys_.find(std::stoll(name));
      if (key == function_keys_.end()) return;  // not in the model (C, internal, window)
      if (auto f = n.functions.find(key->second.second); f != n.functions.end()) a = &f->second.access;
    }
    if (!a) return;
    if (kind != "n" && kind != "e" && kind != "f")
      managed_relations.insert(sql::quote_qualified(r.text(1), name));
    if (owners) a->owner = r.text(3);
    if (!privileges || r.null(4)) return;
    for (const auto& g : nlohmann::json::parse(r.text(4)))
      a->grants[g[0].get<std::string>()][g[1].get<std::string>()] = g[2].get<bool>();
  });
  // The unmanaged query names every relation with an ACL; the grants of
  // those in the model are managed now.
  auto listed = out_.unmanaged.find("objects with grants");
  if (!privileges || listed == out_.unmanaged.end()) return;
  std::erase_if(listed->second, [&](const std::string& n) { return managed_relations.count(n) > 0; });
  if (listed->second.empty()) out_.unmanaged.erase(listed);
}

}  // namespace strata::introspect
