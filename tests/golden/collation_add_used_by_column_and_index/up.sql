-- + collation public.case_insensitive (icu, und-u-ks-level2, nondeterministic)
CREATE COLLATION public.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- + collation public.numeric (icu, en-u-kn-true)
CREATE COLLATION public."numeric" (provider = icu, locale = 'en-u-kn-true');
COMMENT ON COLLATION public."numeric" IS 'Digits sort by value';

-- + collation public.posix_split (libc, POSIX/C)
CREATE COLLATION public.posix_split (provider = libc, lc_collate = 'POSIX', lc_ctype = 'C');

-- ~ column public.products.code: type text -> text, collation none -> public.numeric
ALTER TABLE public.products ALTER COLUMN code TYPE text COLLATE public."numeric";

-- + column public.products.name text
ALTER TABLE public.products ADD COLUMN name text COLLATE public.case_insensitive;

-- + index public.products_code_posix_idx on public.products
CREATE INDEX products_code_posix_idx ON public.products USING btree (code COLLATE public.posix_split);
