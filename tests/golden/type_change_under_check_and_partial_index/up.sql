-- - check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_org_id_check;

-- - index public.accounts_org_id_idx on public.accounts
DROP INDEX public.accounts_org_id_idx;

-- ~ column public.accounts.org_id: type bigint -> numeric(20,0)
ALTER TABLE public.accounts ALTER COLUMN org_id TYPE numeric(20,0) USING org_id::numeric(20,0);

-- + check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_org_id_check CHECK (org_id > 0);

-- + index public.accounts_org_id_idx on public.accounts
CREATE INDEX accounts_org_id_idx ON public.accounts USING btree (email) WHERE (org_id > 10);
