-- - index public.accounts_org_id_idx on public.accounts
DROP INDEX public.accounts_org_id_idx;

-- - check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_org_id_check;

-- ~ column public.accounts.org_id: type numeric(20,0) -> bigint
ALTER TABLE public.accounts ALTER COLUMN org_id TYPE bigint USING org_id::bigint;

-- + index public.accounts_org_id_idx on public.accounts
CREATE INDEX accounts_org_id_idx ON public.accounts USING btree (email) WHERE (org_id > 10);

-- + check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_org_id_check CHECK (org_id > 0);
