#include "introspect/catalog_queries.h"

namespace strata::introspect {
namespace {

// Members of an extension are left out by `oid NOT IN (SELECT objid FROM
// pg_depend WHERE refclassid = pg_extension AND classid = ... AND deptype =
// 'e')`: an 'e' dependency always references its extension, so the index on
// the referenced object finds the few members, read once and hashed, where a
// probe of pg_depend per object (or a scan of all of it) cost tens of
// milliseconds at 10,000 tables.

// Schemas: 0 name, 1 comment.
constexpr const char* kSchemas = R"SQL(
WITH p AS (SELECT CAST($1 AS text[]) AS names)
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
WHERE t.typtype = 'e' AND n.nspname = ANY (CAST($1 AS text[]))
  AND t.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY t.oid, e.enumsortorder
)SQL";

// Domains: 0 schema, 1 name, 2 base type, 3 not null (0/1), 4 default,
// 5 collation when not the base type's, 6 checks (JSON [name, definition,
// validated], by name; NULL for none), 7 comment.
constexpr const char* kDomains = R"SQL(
SELECT n.nspname::text, t.typname::text, pg_catalog.format_type(t.typbasetype, t.typtypmod),
       t.typnotnull::int::text, pg_catalog.pg_get_expr(t.typdefaultbin, 0, true),
       CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 k.conname::text, pg_catalog.pg_get_constraintdef(k.oid, true), k.convalidated)
               ORDER BY k.conname)
        FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c')::text,
       d.description::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'd' AND n.nspname = ANY (CAST($1 AS text[]))
  AND t.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
)SQL";

// Stand-alone composite types (CREATE TYPE ... AS (...), not the row types
// of tables and views): 0 schema, 1 name, 2 attributes (JSON [name, type,
// collation when not the type's], in attribute order), 3 comment.
constexpr const char* kCompositeTypes = R"SQL(
SELECT n.nspname::text, t.typname::text,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod),
                 CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN
                   CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
                        ELSE cn.nspname::text || '.' || co.collname::text END
                 END) ORDER BY a.attnum)
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)::text,
       d.description::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'c' AND n.nspname = ANY (CAST($1 AS text[]))
  AND t.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
)SQL";

// Collations: 0 schema, 1 name, 2 provider ('icu', 'libc', or the letter of
// another), 3 ICU locale, 4 lc_collate, 5 lc_ctype, 6 deterministic (0/1),
// 7 comment, 8 ICU rules (PostgreSQL 16 on; NULL before).
constexpr const char* kCollations = R"SQL(
SELECT n.nspname::text, c.collname::text,
       CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' ELSE c.collprovider::text END,
       @ICU_LOCALE@, c.collcollate::text, c.collctype::text, c.collisdeterministic::int::text,
       d.description::text, @ICU_RULES@
FROM pg_catalog.pg_collation c
JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_collation'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY (CAST($1 AS text[]))
  AND c.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_collation'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.collname
)SQL";

// Text search configurations: 0 schema, 1 name, 2 parser, 3 mappings (JSON
// [token type alias, dictionary], by alias then order of consultation; NULL
// for none), 4 comment. Parser and dictionaries are named bare when in
// pg_catalog, else "schema.name", unquoted (as collations are).
constexpr const char* kTextSearchConfigs = R"SQL(
SELECT n.nspname::text, c.cfgname::text,
       CASE WHEN p.prsnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN p.prsname::text
            ELSE pn.nspname::text || '.' || p.prsname::text END,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(tt.alias,
                 CASE WHEN di.dictnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN di.dictname::text
                      ELSE dn.nspname::text || '.' || di.dictname::text END) ORDER BY tt.alias, m.mapseqno)
        FROM pg_catalog.pg_ts_config_map m
        JOIN pg_catalog.ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
        JOIN pg_catalog.pg_ts_dict di ON di.oid = m.mapdict
        JOIN pg_catalog.pg_namespace dn ON dn.oid = di.dictnamespace
        WHERE m.mapcfg = c.oid)::text,
       d.description::text
FROM pg_catalog.pg_ts_config c
JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY (CAST($1 AS text[]))
  AND c.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.cfgname
)SQL";

// Sequences: 0 schema, 1 name, 2 type, 3 start, 4 increment, 5 min, 6 max,
// 7 cache, 8 cycle (0/1), 9 owner dependency ('a' owned by, 'i' identity,
// NULL), 10 owner table oid, 11 owner attnum, 12 owner schema, 13 owner
// table, 14 owner column, 15 oid, 16 persistence ('p' logged, 'u' unlogged).
constexpr const char* kSequences = R"SQL(
SELECT n.nspname::text, c.relname::text, pg_catalog.format_type(s.seqtypid, NULL),
       s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text,
       s.seqcache::text, s.seqcycle::int::text,
       dep.deptype::text, dep.refobjid::bigint::text, dep.refobjsubid::text,
       tn.nspname::text, tc.relname::text, ta.attname::text, c.oid::bigint::text,
       c.relpersistence::text
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
WHERE c.relkind = 'S' AND n.nspname = ANY (CAST($1 AS text[]))
  AND c.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY c.oid
)SQL";

// Tables and columns: 0 table oid, 1 schema, 2 table, 3 persistence ('p',
// 'u'), 4 attnum (NULL for a table without columns), 5 column, 6 type,
// 7 not null (0/1), 8 default or generation expression, 9 attidentity,
// 10 attgenerated, 11 collation when not the type's, 12 partition key
// (pg_get_partkeydef, partitioned tables), 13 parent schema, 14 parent
// table, 15 bound (partitions), 16 storage parameters (reloptions, JSON),
// 17 relreplident, 18 replica identity index, 19 attstattarget (-1 unset),
// 20 attstorage when not the type's, 21 attcompression ('' unset),
// 22 attislocal (0/1), 23 the parents of an inheritance child ([schema,
// table] JSON pairs in inhseqno order; NULL for none and for partitions).
// Plain and partitioned tables, partitions and inheritance children; a
// child with a parent that is not a plain table of the managed schemas is
// left to the unmanaged list. A partition's columns are its parent's, and a
// child's inherited (not attislocal) columns its parents': only their names
// are kept, for its own keys. Table attributes repeat on each column row.
// A column default cannot reference a column, so it is printed without a
// relation (relid 0): the server then does not open every table to name its
// columns, which is most of the cost of this query. A generated expression
// does reference columns and is printed against its table.
// An inheritance child's parents are read once (`parents`): their names, and
// whether any is outside the model (not a plain table of the managed
// schemas, or an extension's), which leaves the child out. (A partitioned
// table cannot be an inheritance parent, so parents of relkind 'p' are a
// partition's.) No CTE of parameters and no subquery per row: either keeps
// the server from splitting the query over parallel workers, which the
// floor's plain query gets (at 10,000 tables 0.64 s where it took 1.1 s).
constexpr const char* kColumns = R"SQL(
WITH parents AS (
  SELECT i.inhrelid,
         pg_catalog.json_agg(pg_catalog.json_build_array(ipn.nspname::text, ip.relname::text)
                             ORDER BY i.inhseqno)::text AS list,
         pg_catalog.bool_or(ip.relkind <> 'r' OR NOT ipn.nspname = ANY (CAST($1 AS text[]))
                            OR ip.oid IN (SELECT x.objid FROM pg_catalog.pg_depend x
                                          WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                                            AND x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                            AND x.deptype = 'e')) AS outside
  FROM pg_catalog.pg_inherits i
  JOIN pg_catalog.pg_class ip ON ip.oid = i.inhparent
  JOIN pg_catalog.pg_namespace ipn ON ipn.oid = ip.relnamespace
  WHERE ip.relkind <> 'p'
  GROUP BY i.inhrelid)
SELECT c.oid::bigint::text, n.nspname::text, c.relname::text, c.relpersistence::text,
       a.attnum::text, a.attname::text,
       pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull::int::text,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0, true)
            ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) END,
       a.attidentity::text, a.attgenerated::text,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
       pn.nspname::text, pc.relname::text,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid, true) END,
       pg_catalog.array_to_json(c.reloptions)::text, c.relreplident::text,
       ri.relname::text,
       a.attstattarget::text,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END,
       a.attcompression::text, a.attislocal::int::text, ih.list
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN parents ih ON NOT c.relispartition AND ih.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_inherits pi ON c.relispartition AND pi.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = pi.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
LEFT JOIN pg_catalog.pg_index rix ON c.relreplident = 'i' AND rix.indrelid = c.oid AND rix.indisreplident
LEFT JOIN pg_catalog.pg_class ri ON ri.oid = rix.indexrelid
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (CAST($1 AS text[]))
  AND (c.relispartition OR ih.outside IS NOT TRUE)
  AND c.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY c.oid, a.attnum
)SQL";

// Constraints of plain tables: 0 table oid, 1 name, 2 contype, 3 column
// numbers (int2[] text), 4 referenced schema, 5 referenced table,
// 6 referenced column numbers, 7 referenced column names (JSON; only when
// the referenced table is not a plain table of the managed schemas, whose
// names the reader already knows), 8 confupdtype, 9 confdeltype,
// 10 confmatchtype, 11 deferrable, 12 initially deferred, 13 no inherit,
// 14 definition (checks only), 15 nulls not distinct, 16 exclusion
// operators (JSON), 17 number of INCLUDE columns of a primary key or unique
// constraint, 18 number of ON DELETE SET NULL/DEFAULT columns of a foreign
// key (PG 15), 19 not validated (0/1). The model has no place for 17 and
// 18: they are counted.
// Rows a partitioned table adds per partition (conparentid <> 0) are left
// out: the constraint is the parent row. So are checks a partition inherits
// (not conislocal): they are the parent's.
constexpr const char* kConstraints = R"SQL(
WITH p AS (SELECT CAST($1 AS text[]) AS names)
SELECT co.conrelid::bigint::text, co.conname::text, co.contype::text, co.conkey::text,
       rn.nspname::text, rc.relname::text, co.confkey::text,
       CASE WHEN co.contype = 'f' AND NOT (rc.relkind IN ('r', 'p')
                                           AND rn.nspname = ANY (p.names)
                                           AND (rc.relispartition OR NOT EXISTS (
                                                 SELECT 1 FROM pg_catalog.pg_inherits i
                                                 WHERE i.inhrelid = rc.oid))) THEN
         (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
            FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum)::text
       END,
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
       END,
       (ix.indnatts - ix.indnkeyatts)::text, @DELETE_SET_COLUMNS@, (NOT co.convalidated)::int::text
FROM pg_catalog.pg_constraint co
CROSS JOIN p
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = co.conindid AND co.contype IN ('p', 'u')
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid AND co.contype = 'f'
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relkind IN ('r', 'p') AND co.contype IN ('p', 'u', 'c', 'f', 'x') AND co.conparentid = 0
  AND co.conislocal AND n.nspname = ANY (p.names)
ORDER BY co.conrelid, co.conname
)SQL";

// Views and materialized views: 0 oid, 1 schema, 2 name, 3 relkind ('v',
// 'm'), 4 definition, and what hangs on the view (JSON arrays, NULL for
// none): 5 privileges granted to others than the owner ([grantee, privilege,
// grantable], grantee "PUBLIC" for 0; in relacl's order, which GRANTs in
// that order rebuild), 6 column comments ([column,
// comment]), 7 rules (pg_get_ruledef); 8 populated (0/1, materialized
// views). Triggers of views are read with those of tables (triggers_query).
// Found through their _RETURN rules (every view and materialized view has
// one): pg_rewrite is small where a scan of pg_class reads every relation.
constexpr const char* kViews = R"SQL(
SELECT c.oid::bigint::text, n.nspname::text, c.relname::text, c.relkind::text,
       pg_catalog.pg_get_viewdef(c.oid, true),
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END,
                 g.privilege_type, g.is_grantable)
               ORDER BY g.n)
        FROM pg_catalog.aclexplode(c.relacl) WITH ORDINALITY
               AS g(grantor, grantee, privilege_type, is_grantable, n)
        WHERE g.grantee <> c.relowner)::text,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname::text, d.description)
               ORDER BY a.attnum)
        FROM pg_catalog.pg_description d
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
        WHERE d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.objsubid > 0)::text,
       (SELECT pg_catalog.json_agg(pg_catalog.pg_get_ruledef(w.oid, true) ORDER BY w.rulename)
        FROM pg_catalog.pg_rewrite w WHERE w.ev_class = c.oid AND w.rulename <> '_RETURN')::text,
       c.relispopulated::int::text
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename = '_RETURN' AND c.relkind IN ('v', 'm') AND n.nspname = ANY (CAST($1 AS text[]))
  AND c.oid NOT IN (SELECT x.objid FROM pg_catalog.pg_depend x
                    WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND x.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
)SQL";

// Indexes, one row per key or INCLUDE column: 0 table oid, 1 index name,
// 2 method, 3 unique, 4 nulls not distinct, 5 number of key columns,
// 6 predicate (on the first row only: rendering it is not free), 7 index
// oid, 8 backing constraint type ('x' or NULL), 9 backing constraint name,
// 10 position (1-based), 11 column name (NULL for an expression),
// 12 expression, 13 indoption, 14 opclass when not the default,
// 15 collation when not the column's, 16 invalid (NOT indisvalid). For an expression the server stores
// the collation the expression derives (exprCollation) even when none was
// written, and SQL cannot compute that; the practical rule: leave the
// collation out when it is the database default, the default of the key's
// type, or the collation of a column the expression names (read from the
// index's dependencies on table columns); so a collation shows only when it
// was clearly written as a different COLLATE.
// Indexes backing a primary key or unique constraint are left out; those
// backing an exclusion constraint are read to decompose the constraint.
// The copies of a partitioned table's index on its partitions
// (relispartition) are the parent's index, not the partitions' own.
constexpr const char* kIndexes = R"SQL(
SELECT i.indrelid::bigint::text, ic.relname::text, am.amname::text, i.indisunique::int::text,
       @INDEX_NULLS_NOT_DISTINCT@, i.indnkeyatts::text,
       CASE WHEN k.n = 1 THEN pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) END,
       i.indexrelid::bigint::text,
       pc.contype::text, pc.conname::text, k.n::text, a.attname::text,
       CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) END,
       i.indoption[k.n - 1]::text,
       CASE WHEN k.n <= i.indnkeyatts AND NOT opc.opcdefault THEN
         CASE WHEN opc.opcnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN opc.opcname::text
              ELSE pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END
       END,
       CASE WHEN k.n <= i.indnkeyatts AND i.indcollation[k.n - 1] <> 0
             AND i.indcollation[k.n - 1] <> COALESCE(a.attcollation, 100)
             AND NOT (i.indkey[k.n - 1] = 0 AND (
               i.indcollation[k.n - 1] = (
                 SELECT kt.typcollation FROM pg_catalog.pg_attribute ka
                 JOIN pg_catalog.pg_type kt ON kt.oid = ka.atttypid
                 WHERE ka.attrelid = i.indexrelid AND ka.attnum = k.n)
               OR EXISTS (
                 SELECT 1 FROM pg_catalog.pg_depend d
                 JOIN pg_catalog.pg_attribute ra
                   ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                   AND d.objid = i.indexrelid
                   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                   AND d.refobjid = i.indrelid AND d.refobjsubid > 0
                   AND ra.attcollation = i.indcollation[k.n - 1]
                   AND pg_catalog.strpos(pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true),
                                         pg_catalog.quote_ident(ra.attname)) > 0))) THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN co.collname::text
              ELSE cn.nspname::text || '.' || co.collname::text END
       END,
       (NOT i.indisvalid)::int::text
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_constraint pc
  ON pc.conindid = i.indexrelid AND pc.conrelid = i.indrelid AND pc.contype IN ('p', 'u', 'x')
CROSS JOIN LATERAL pg_catalog.generate_series(1, i.indnatts::int) AS k(n)
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.n - 1]
LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = i.indcollation[k.n - 1]
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname = ANY (CAST($1 AS text[]))
  AND (pc.contype IS NULL OR pc.contype = 'x') AND NOT ic.relispartition
ORDER BY i.indexrelid, k.n
)SQL";

// Comments on relations and their columns (tables, columns, views,
// sequences, indexes) in the managed schemas: 0 object oid, 1 objsubid
// (column number, 0 for the relation), 2 comment. Read apart from the
// objects: one hash join over pg_description instead of a join per query,
// which the planner gets wrong when pg_description's statistics are stale.
constexpr const char* kComments = R"SQL(
SELECT d.objoid::bigint::text, d.objsubid::text, d.description::text
FROM pg_catalog.pg_description d
WHERE d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.objoid IN (SELECT c.oid FROM pg_catalog.pg_class c
                   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = ANY (CAST($1 AS text[])))
ORDER BY d.objoid, d.objsubid
)SQL";

// What Strata does not manage yet, one row per object: 0 kind (plural, as
// the counts print it), 1 the object's name, schema-qualified and quoted as
// the server prints it with search_path = '' (functions with their argument
// types, triggers, policies, rules and constraints as "<table>.<name>").
// Event triggers are database-wide and named bare. When a kind becomes
// managed, its branch of the UNION leaves this query. Names (regclass,
// regtype, regprocedure) are rendered in the branches, for the rows returned
// only: rendered in the CTEs, they cost 180 ms for every relation and type of
// a 10,000-table schema that has nothing unmanaged.
constexpr const char* kUnmanaged = R"SQL(
WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY (CAST($1 AS text[]))),
ext AS (SELECT classid, objid FROM pg_catalog.pg_depend
        WHERE refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND deptype = 'e'),
rel AS MATERIALIZED (
  SELECT c.oid, c.relkind, c.relispartition, c.relrowsecurity, c.relacl IS NOT NULL AS granted,
         c.reloptions IS NOT NULL AS has_options
  FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'c', 'i')
    AND (c.oid, 'pg_catalog.pg_class'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)),
tab AS (SELECT * FROM rel WHERE relkind IN ('r', 'p', 'f', 'v', 'm')),
proc AS (
  SELECT p.oid, p.prokind, l.lanname, a.aggkind,
         p.proacl IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM pg_catalog.aclexplode(p.proacl) g
           WHERE g.grantee = 0 AND g.privilege_type = 'EXECUTE') AS public_revoked
  FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
  WHERE (p.oid, 'pg_catalog.pg_proc'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)),
typ AS (
  SELECT t.oid, t.typtype, t.typrelid, t.typacl IS NOT NULL AS granted,
         t.typacl IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM pg_catalog.aclexplode(t.typacl) g
           WHERE g.grantee = 0 AND g.privilege_type = 'USAGE') AS public_revoked
  FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE t.typtype IN ('d', 'c', 'r', 'e')
    AND (t.oid, 'pg_catalog.pg_type'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)),
objects(kind, name) AS (
  SELECT 'window functions', oid::pg_catalog.regprocedure::text FROM proc WHERE prokind = 'w'
  UNION ALL
  SELECT 'C and internal functions', oid::pg_catalog.regprocedure::text FROM proc
  WHERE prokind IN ('f', 'p') AND lanname IN ('c', 'internal')
  UNION ALL
  SELECT 'ordered-set and hypothetical-set aggregates', oid::pg_catalog.regprocedure::text FROM proc
  WHERE prokind = 'a' AND aggkind <> 'n'
  UNION ALL
  SELECT 'triggers of foreign tables', tab.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(tg.tgname)
  FROM pg_catalog.pg_trigger tg JOIN tab ON tab.oid = tg.tgrelid
  WHERE NOT tg.tgisinternal AND tab.relkind = 'f'
  UNION ALL
  SELECT 'policies of partitioned tables and partitions', tab.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(po.polname)
  FROM pg_catalog.pg_policy po JOIN tab ON tab.oid = po.polrelid
  WHERE tab.relkind <> 'r' OR tab.relispartition
  UNION ALL
  SELECT 'rules', tab.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(rw.rulename)
  FROM pg_catalog.pg_rewrite rw JOIN tab ON tab.oid = rw.ev_class WHERE rw.rulename <> '_RETURN'
  UNION ALL
  SELECT DISTINCT 'inheritance children of unmanaged tables', tab.oid::pg_catalog.regclass::text
  FROM pg_catalog.pg_inherits i JOIN tab ON tab.oid = i.inhrelid
  WHERE tab.relkind = 'r' AND NOT tab.relispartition
    AND i.inhparent NOT IN (SELECT oid FROM tab WHERE relkind = 'r')
  UNION ALL SELECT 'range types', oid::pg_catalog.regtype::text FROM typ WHERE typtype = 'r'
  UNION ALL
  SELECT 'statistics objects', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(st.stxname)
  FROM pg_catalog.pg_statistic_ext st JOIN ns ON ns.oid = st.stxnamespace
  JOIN pg_catalog.pg_namespace n ON n.oid = st.stxnamespace
  UNION ALL
  SELECT 'text search dictionaries', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(di.dictname)
  FROM pg_catalog.pg_ts_dict di JOIN ns ON ns.oid = di.dictnamespace
  JOIN pg_catalog.pg_namespace n ON n.oid = di.dictnamespace
  WHERE (di.oid, 'pg_catalog.pg_ts_dict'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)
  UNION ALL
  SELECT 'operators', op.oid::pg_catalog.regoperator::text
  FROM pg_catalog.pg_operator op JOIN ns ON ns.oid = op.oprnamespace
  WHERE (op.oid, 'pg_catalog.pg_operator'::pg_catalog.regclass) NOT IN (SELECT objid, classid FROM ext)
  UNION ALL SELECT 'event triggers', pg_catalog.quote_ident(evtname) FROM pg_catalog.pg_event_trigger
  UNION ALL
  SELECT 'default privileges',
         pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(da.defaclrole))
         || CASE WHEN da.defaclnamespace = 0 THEN ''
                 ELSE ' in schema ' || pg_catalog.quote_ident(dn.nspname) END
         || ' on ' || CASE da.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                      WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' ELSE 'schemas' END
  FROM pg_catalog.pg_default_acl da
  LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = da.defaclnamespace
  WHERE da.defaclnamespace = 0 OR da.defaclnamespace IN (SELECT oid FROM ns)
  UNION ALL
  SELECT 'comments on constraints', tab.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(k.conname)
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_constraint k ON k.oid = d.objoid
  JOIN tab ON tab.oid = k.conrelid
  WHERE d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
  UNION ALL
  SELECT 'views, materialized views and indexes with options', oid::pg_catalog.regclass::text FROM rel
  WHERE has_options AND relkind NOT IN ('r', 'p')
  UNION ALL
  SELECT 'partitioned tables and partitions with row level security', oid::pg_catalog.regclass::text FROM rel
  WHERE relrowsecurity AND (relkind <> 'r' OR relispartition)
  UNION ALL SELECT 'foreign table partitions', oid::pg_catalog.regclass::text FROM rel WHERE relispartition AND relkind = 'f'
  UNION ALL SELECT 'foreign tables', oid::pg_catalog.regclass::text FROM rel WHERE relkind = 'f' AND NOT relispartition
  UNION ALL SELECT 'objects with grants', oid::pg_catalog.regclass::text FROM rel WHERE granted AND relkind <> 'c'
  -- What the privileges the models can say leave out: grants on domains and
  -- composite types, and the default EXECUTE for PUBLIC on a function or USAGE on
  -- an enum taken away (the models list grants beyond the defaults only).
  UNION ALL
  SELECT 'domains and composite types with grants', typ.oid::pg_catalog.regtype::text FROM typ
  WHERE typ.granted AND (typ.typtype = 'd' OR (typ.typtype = 'c' AND typ.typrelid IN (SELECT oid FROM rel WHERE relkind = 'c')))
  UNION ALL
  SELECT 'functions with EXECUTE revoked from PUBLIC', oid::pg_catalog.regprocedure::text FROM proc
  WHERE public_revoked AND prokind IN ('f', 'p') AND lanname NOT IN ('c', 'internal')
  UNION ALL SELECT 'enums with USAGE revoked from PUBLIC', oid::pg_catalog.regtype::text FROM typ WHERE typtype = 'e' AND public_revoked
  UNION ALL
  SELECT 'columns with grants', tab.oid::pg_catalog.regclass::text || '.' || pg_catalog.quote_ident(a.attname)
  FROM pg_catalog.pg_attribute a JOIN tab ON tab.oid = a.attrelid
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped)
SELECT kind, name FROM objects ORDER BY kind, name COLLATE "C"
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
      domains(kDomains),
      composite_types(kCompositeTypes),
      text_search_configs(kTextSearchConfigs),
      sequences(kSequences),
      columns(kColumns),
      views(kViews),
      comments(kComments),
      policies(policy_query()),
      access(access_query()),
      unmanaged(kUnmanaged),
      functions(functions_query(server_version_num)),
      aggregates(aggregates_query()),
      triggers(triggers_query()) {
  // NULLS NOT DISTINCT exists from PostgreSQL 15 on.
  bool pg15 = server_version_num >= 150000;
  constraints = replace(kConstraints, "@NULLS_NOT_DISTINCT@",
                        pg15 ? "COALESCE(ix.indnullsnotdistinct::int, 0)::text" : "'0'");
  constraints = replace(constraints, "@DELETE_SET_COLUMNS@",
                        pg15 ? "COALESCE(pg_catalog.cardinality(co.confdelsetcols), 0)::text" : "'0'");
  // The ICU locale moved from collcollate to colliculocale (15), then to
  // colllocale (17); ICU rules came in 16.
  collations = replace(kCollations, "@ICU_LOCALE@",
                       server_version_num >= 170000   ? "c.colllocale::text"
                       : server_version_num >= 150000 ? "c.colliculocale::text"
                                                      : "CASE WHEN c.collprovider = 'i' THEN c.collcollate::text END");
  collations = replace(collations, "@ICU_RULES@",
                       server_version_num >= 160000 ? "c.collicurules::text" : "NULL::text");
  indexes = replace(kIndexes, "@INDEX_NULLS_NOT_DISTINCT@",
                    pg15 ? "i.indnullsnotdistinct::int::text" : "'0'");
}

}  // namespace strata::introspect
