-- + check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_org_id_check CHECK (org_id > 0);
