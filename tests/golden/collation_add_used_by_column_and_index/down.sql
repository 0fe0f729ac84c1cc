-- - index public.products_code_posix_idx on public.products
DROP INDEX public.products_code_posix_idx;

-- - column public.products.name
-- WARNING: data loss: drops column public.products.name
ALTER TABLE public.products DROP COLUMN name;

-- ~ column public.products.code: type text -> text, collation public.numeric -> none
ALTER TABLE public.products ALTER COLUMN code TYPE text;

-- - collation public.posix_split
DROP COLLATION public.posix_split;

-- - collation public.numeric
DROP COLLATION public."numeric";

-- - collation public.case_insensitive
DROP COLLATION public.case_insensitive;
