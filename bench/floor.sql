-- The floor for `strata check` and `strata diff`: the facts Strata reads from
-- the catalog, one set-based query per object kind, in one snapshot, with the
-- server rendering what a differ must compare (types, defaults, checks, index
-- expressions and predicates, view queries). Run by bench/user_commands.py as
--   psql -X -q -v schemas='{public,ops}' -f bench/floor.sql URL
-- Nothing is built from the rows: this is what reading them costs.
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SET LOCAL search_path = '';
\o /dev/null

-- schemas
SELECT n.nspname, d.description
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d ON d.objoid = n.oid AND d.objsubid = 0
 AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
WHERE n.nspname = ANY (:'schemas'::text[]);

-- extensions
SELECT e.extname, e.extversion, e.extnamespace FROM pg_catalog.pg_extension e;

-- enums and their labels
SELECT t.typnamespace, t.typname, e.enumlabel
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e' AND n.nspname = ANY (:'schemas'::text[])
ORDER BY t.oid, e.enumsortorder;

-- sequences with their owning column
SELECT c.relnamespace, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart,
       s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.deptype, d.refobjid,
       d.refobjsubid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND d.deptype IN ('a', 'i')
 AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
WHERE n.nspname = ANY (:'schemas'::text[]);

-- tables and columns: type, nullability, default (no relation needed), identity,
-- generation, collation
SELECT c.oid, c.relname, c.relpersistence, a.attnum, a.attname,
       pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0, true)
            ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) END,
       a.attidentity, a.attgenerated, a.attcollation
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
WHERE c.relkind = 'r' AND n.nspname = ANY (:'schemas'::text[])
ORDER BY c.oid, a.attnum;

-- constraints: keys, foreign keys with actions, checks rendered
SELECT co.conrelid, co.conname, co.contype, co.conkey, co.confrelid, co.confkey,
       co.confupdtype, co.confdeltype, co.confmatchtype, co.condeferrable, co.condeferred,
       co.connoinherit, co.convalidated,
       CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_constraintdef(co.oid, true) END
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname = ANY (:'schemas'::text[])
ORDER BY co.conrelid, co.conname;

-- indexes, one row per key: method, uniqueness, predicate, expressions, order,
-- opclass, collation
SELECT i.indrelid, ic.relname, ic.relam, i.indisunique, i.indnkeyatts, i.indisvalid,
       CASE WHEN k.n = 1 THEN pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) END,
       k.n, i.indkey[k.n - 1],
       CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) END,
       i.indoption[k.n - 1], i.indclass[k.n - 1], i.indcollation[k.n - 1]
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL pg_catalog.generate_series(1, i.indnatts::int) AS k(n)
WHERE c.relkind IN ('r', 'm') AND n.nspname = ANY (:'schemas'::text[])
ORDER BY i.indexrelid, k.n;

-- views and materialized views
SELECT c.relnamespace, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid, true)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (:'schemas'::text[]);

-- comments on relations and columns
SELECT d.objoid, d.objsubid, d.description
FROM pg_catalog.pg_description d
WHERE d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.objoid IN (SELECT c.oid FROM pg_catalog.pg_class c
                   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = ANY (:'schemas'::text[]));

\o
COMMIT;
