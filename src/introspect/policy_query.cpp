// Row-level security: the query (see catalog_queries.h) and its reader.
#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "introspect/catalog_queries.h"
#include "introspect/catalog_reader.h"

namespace strata::introspect {
namespace {

// Tables with row-level security enabled or forced, or with policies, one row
// per policy (one row with NULL policy columns for a table without any):
// 0 table oid, 1 relrowsecurity, 2 relforcerowsecurity, 3 policy name,
// 4 polcmd ('*', 'r', 'a', 'w', 'd'), 5 permissive, 6 roles (JSON; "public"
// for oid 0), 7 USING, 8 WITH CHECK. Tables outside the model (partitions,
// children) are skipped by the reader.
constexpr const char* kPolicies = R"SQL(
SELECT c.oid::bigint::text, c.relrowsecurity::int::text, c.relforcerowsecurity::int::text,
       p.polname::text, p.polcmd::text, p.polpermissive::int::text,
       (SELECT pg_catalog.json_agg(CASE WHEN r.oid = 0 THEN 'public'
                                        ELSE pg_catalog.pg_get_userbyid(r.oid)::text END)
        FROM pg_catalog.unnest(p.polroles) AS r(oid))::text,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid, true),
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_policy p ON p.polrelid = c.oid
WHERE c.relkind = 'r' AND n.nspname = ANY (CAST($1 AS text[]))
  AND (c.relrowsecurity OR c.relforcerowsecurity OR p.oid IS NOT NULL)
ORDER BY c.oid, p.polname
)SQL";

model::PolicyCommand command(const std::string& code) {
  switch (code.empty() ? '*' : code[0]) {
    case 'r': return model::PolicyCommand::kSelect;
    case 'a': return model::PolicyCommand::kInsert;
    case 'w': return model::PolicyCommand::kUpdate;
    case 'd': return model::PolicyCommand::kDelete;
    default: return model::PolicyCommand::kAll;
  }
}

}  // namespace

std::string policy_query() { return kPolicies; }

void CatalogReader::read_policies() {
  run("row level security", queries_.policies, true, [&](const CatalogRow& r) {
    auto rel = relations_.find(r.number(0));
    if (rel == relations_.end() || !rel->second.table) return;
    model::Table& t = *rel->second.table;
    t.row_security = {r.flag(1), r.flag(2)};
    if (r.null(3)) return;
    model::Policy p;
    p.name = r.text(3);
    p.command = command(r.text(4));
    p.permissive = r.flag(5);
    p.roles.clear();
    if (!r.null(6))
      for (const auto& role : nlohmann::json::parse(r.text(6))) p.roles.push_back(role.get<std::string>());
    std::sort(p.roles.begin(), p.roles.end());
    p.using_expr = r.optional(7);
    p.with_check_expr = r.optional(8);
    t.policies[p.name] = std::move(p);
  });
}

}  // namespace strata::introspect
