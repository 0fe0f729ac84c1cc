#include "introspect/catalog_queries.h"

namespace strata::introspect {
namespace {

// Schemas: 0 name, 1 comment.
constexpr const char* kSchemas = R"SQL(
WITH p AS (SELECT CAST(:s AS text[]) AS names)
SELECT n.nspname::text, d.description::text
FROM pg_catalog.pg_namespace n
CROSS JOIN p
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objsubid = 0
WHERE CASE WHEN pg_catalog.cardinality(p.names) = 0 THEN
        n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'strata')
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                        WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                          AND e.objid = n.oid AND e.deptype = 'e')
      ELSE n.nspname = ANY (p.names) END
ORDER BY n.nspname
)SQL";

// Extensions: 0 name, 1 version, 2 schema.
constexpr const char* kExtensions = R"SQL(
SELECT e.extname::text, e.extversion::text, n.nspname::text
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY e.extname
)SQL";

// Enums: 0 schema, 1 name, 2 label (NULL for an enum without labels), 3 comment.
constexpr const char* kEnums = R"SQL(
SELECT n.nspname::text, t.typname::text, e.enumlabel::text, d.description::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'e' AND n.nspname = ANY (CAST(:s AS text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                    AND x.objid = t.oid AND x.deptype = 'e')
ORDER BY n.nspname, t.typname, e.enumsortorder
)SQL";

// Sequences: 0 schema, 1 name, 2 type, 3 start, 4 increment, 5 min, 6 max,
// 7 cache, 8 cycle (0/1), 9 owner dependency ('a' owned by, 'i' identity,
// NULL), 10 owner table oid, 11 owner attnum, 12 owner schema, 13 owner
// table, 14 owner column, 15 comment.
constexpr const char* kSequences = R"SQL(
SELECT n.nspname::text, c.relname::text, pg_catalog.format_type(s.seqtypid, NULL),
       s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text,
       s.seqcache::text, s.seqcycle::int::text,
       dep.deptype::text, dep.refobjid::bigint::text, dep.refobjsubid::text,
       tn.nspname::text, tc.relname::text, ta.attname::text, d.description::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_depend dep
  ON dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.objid = c.oid
 AND dep.objsubid = 0 AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
 AND dep.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = dep.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = dep.refobjid AND ta.attnum = dep.refobjsubid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE c.relkind = 'S' AND n.nspname = ANY (CAST(:s AS text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND x.objid = c.oid AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
)SQL";

// Tables and columns: 0 table oid, 1 schema, 2 table, 3 persistence ('p',
// 'u'), 4 table comment, 5 attnum (NULL for a table without columns),
// 6 column, 7 type, 8 not null (0/1), 9 default or generation expression,
// 10 attidentity, 11 attgenerated, 12 collation when not the type's,
// 13 column comment.
// Plain tables only: partitioned tables, partitions and inheritance children
// are left to the unmanaged counts.
constexpr const char* kColumns = R"SQL(
SELECT c.oid::bigint::text, n.nspname::text, c.relname::text, c.relpersistence::text,
       td.description::text, a.attnum::text, a.attname::text,
       pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull::int::text,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true),
       a.attidentity::text, a.attgenerated::text,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END,
       cd.description::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description td
  ON td.objoid = c.oid AND td.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND td.objsubid = 0
LEFT JOIN pg_catalog.pg_description cd
  ON cd.objoid = c.oid AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
 AND cd.objsubid = a.attnum
WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname = ANY (CAST(:s AS text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND x.objid = c.oid AND x.deptype = 'e')
ORDER BY n.nspname, c.relname, a.attnum
)SQL";

// Constraints of plain tables: 0 table oid, 1 name, 2 contype, 3 columns
// (JSON array), 4 referenced schema, 5 referenced table, 6 referenced columns
// (JSON), 7 confupdtype, 8 confdeltype, 9 confmatchtype, 10 deferrable,
// 11 initially deferred, 12 no inherit, 13 definition (checks only),
// 14 nulls not distinct, 15 exclusion operators (JSON).
// Rows a partitioned referenced table adds per partition (conparentid <> 0)
// are left out: the constraint is the parent row.
constexpr const char* kConstraints = R"SQL(
SELECT co.conrelid::bigint::text, co.conname::text, co.contype::text,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
          FROM pg_catalog.unnest(co.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum)::text,
       rn.nspname::text, rc.relname::text,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
          FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum)::text,
       co.confupdtype::text, co.confdeltype::text, co.confmatchtype::text,
       co.condeferrable::int::text, co.condeferred::int::text, co.connoinherit::int::text,
       CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_constraintdef(co.oid, true) END,
       @NULLS_NOT_DISTINCT@,
       CASE WHEN co.contype = 'x' THEN
         (SELECT pg_catalog.json_agg(
                   CASE WHEN o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN o.oprname::text
                        ELSE 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname::text || ')'
                   END ORDER BY x.ord)
            FROM pg_catalog.unnest(co.conexclop) WITH ORDINALITY AS x(opr, ord)
            JOIN pg_catalog.pg_operator o ON o.oid = x.opr
            JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace)::text
       END
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = co.conindid AND co.contype = 'u'
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid AND co.contype = 'f'
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relkind = 'r' AND co.contype IN ('p', 'u', 'c', 'f', 'x') AND co.conparentid = 0
  AND n.nspname = ANY (CAST(:s AS text[]))
ORDER BY n.nspname, c.relname, co.conname
)SQL";

// Views and materialized views: 0 oid, 1 schema, 2 name, 3 relkind ('v',
// 'm'), 4 definition, 5 comment.
constexpr const char* kViews = R"SQL(
SELECT c.oid::bigint::text, n.nspname::text, c.relname::text, c.relkind::text,
       pg_catalog.pg_get_viewdef(c.oid, true), d.description::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (CAST(:s AS text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND x.objid = c.oid AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
)SQL";

// Indexes, one row per key or INCLUDE column: 0 table oid, 1 index name,
// 2 method, 3 unique, 4 nulls not distinct, 5 number of key columns,
// 6 predicate, 7 comment, 8 backing constraint type ('x' or NULL), 9 backing
// constraint name, 10 position (1-based), 11 column name (NULL for an
// expression), 12 expression, 13 indoption, 14 opclass when not the default,
// 15 collation when not the column's (for expressions: not the database
// default).
// Indexes backing a primary key or unique constraint are left out; those
// backing an exclusion constraint are read to decompose the constraint.
constexpr const char* kIndexes = R"SQL(
SELECT i.indrelid::bigint::text, ic.relname::text, am.amname::text, i.indisunique::int::text,
       @INDEX_NULLS_NOT_DISTINCT@, i.indnkeyatts::text,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), d.description::text,
       pc.contype::text, pc.conname::text, k.n::text, a.attname::text,
       CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) END,
       i.indoption[k.n - 1]::text,
       CASE WHEN k.n <= i.indnkeyatts AND NOT opc.opcdefault THEN
         CASE WHEN opc.opcnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN opc.opcname::text
              ELSE pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END
       END,
       CASE WHEN k.n <= i.indnkeyatts AND i.indcollation[k.n - 1] <> 0
             AND i.indcollation[k.n - 1] <> COALESCE(a.attcollation, 100) THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_constraint pc
  ON pc.conindid = i.indexrelid AND pc.conrelid = i.indrelid AND pc.contype IN ('p', 'u', 'x')
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
CROSS JOIN LATERAL pg_catalog.generate_series(1, i.indnatts::int) AS k(n)
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.n - 1]
LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = i.indcollation[k.n - 1]
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE c.relkind IN ('r', 'm') AND n.nspname = ANY (CAST(:s AS text[]))
  AND (pc.contype IS NULL OR pc.contype = 'x')
ORDER BY n.nspname, c.relname, ic.relname, k.n
)SQL";

// What Strata does not manage yet: 0 kind, 1 count.
constexpr const char* kUnmanaged = R"SQL(
WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY (CAST(:s AS text[]))),
rel AS (
  SELECT c.* FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                      AND x.objid = c.oid AND x.deptype = 'e')),
proc AS (
  SELECT p.prokind FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                      AND x.objid = p.oid AND x.deptype = 'e')),
typ AS (
  SELECT t.typtype, t.typrelid FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                      AND x.objid = t.oid AND x.deptype = 'e'))
SELECT 'functions', count(*)::text FROM proc WHERE prokind IN ('f', 'w')
UNION ALL SELECT 'procedures', count(*)::text FROM proc WHERE prokind = 'p'
UNION ALL SELECT 'aggregates', count(*)::text FROM proc WHERE prokind = 'a'
UNION ALL SELECT 'triggers', count(*)::text
  FROM pg_catalog.pg_trigger tg JOIN rel ON rel.oid = tg.tgrelid WHERE NOT tg.tgisinternal
UNION ALL SELECT 'policies', count(*)::text
  FROM pg_catalog.pg_policy po JOIN rel ON rel.oid = po.polrelid
UNION ALL SELECT 'tables with row level security', count(*)::text FROM rel WHERE relrowsecurity
UNION ALL SELECT 'rules', count(*)::text
  FROM pg_catalog.pg_rewrite rw JOIN rel ON rel.oid = rw.ev_class WHERE rw.rulename <> '_RETURN'
UNION ALL SELECT 'partitioned tables', count(*)::text FROM rel WHERE relkind = 'p'
UNION ALL SELECT 'partitions', count(*)::text FROM rel
  WHERE relispartition AND relkind IN ('r', 'p', 'f')
UNION ALL SELECT 'inheritance children', count(*)::text FROM rel
  WHERE relkind = 'r' AND NOT relispartition
    AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = rel.oid)
UNION ALL SELECT 'foreign tables', count(*)::text FROM rel WHERE relkind = 'f' AND NOT relispartition
UNION ALL SELECT 'objects with grants', count(*)::text FROM rel
  WHERE relacl IS NOT NULL AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
UNION ALL SELECT 'domains', count(*)::text FROM typ WHERE typtype = 'd'
UNION ALL SELECT 'composite types', count(*)::text FROM typ
  JOIN pg_catalog.pg_class tc ON tc.oid = typ.typrelid WHERE typ.typtype = 'c' AND tc.relkind = 'c'
UNION ALL SELECT 'range types', count(*)::text FROM typ WHERE typtype = 'r'
UNION ALL SELECT 'collations', count(*)::text
  FROM pg_catalog.pg_collation co JOIN ns ON ns.oid = co.collnamespace
UNION ALL SELECT 'statistics objects', count(*)::text
  FROM pg_catalog.pg_statistic_ext st JOIN ns ON ns.oid = st.stxnamespace
UNION ALL SELECT 'text search configurations', count(*)::text
  FROM pg_catalog.pg_ts_config cf JOIN ns ON ns.oid = cf.cfgnamespace
UNION ALL SELECT 'operators', count(*)::text
  FROM pg_catalog.pg_operator op JOIN ns ON ns.oid = op.oprnamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass
                      AND x.objid = op.oid AND x.deptype = 'e')
UNION ALL SELECT 'event triggers', count(*)::text FROM pg_catalog.pg_event_trigger
)SQL";

std::string replace(std::string text, const std::string& marker, const std::string& with) {
  auto at = text.find(marker);
  if (at != std::string::npos) text.replace(at, marker.size(), with);
  return text;
}

}  // namespace

CatalogQueries::CatalogQueries(int server_version_num)
    : schemas(kSchemas),
      extensions(kExtensions),
      enums(kEnums),
      sequences(kSequences),
      columns(kColumns),
      views(kViews),
      unmanaged(kUnmanaged) {
  // NULLS NOT DISTINCT exists from PostgreSQL 15 on.
  bool pg15 = server_version_num >= 150000;
  constraints = replace(kConstraints, "@NULLS_NOT_DISTINCT@",
                        pg15 ? "COALESCE(ix.indnullsnotdistinct::int, 0)::text" : "'0'");
  indexes = replace(kIndexes, "@INDEX_NULLS_NOT_DISTINCT@",
                    pg15 ? "i.indnullsnotdistinct::int::text" : "'0'");
}

}  // namespace strata::introspect
