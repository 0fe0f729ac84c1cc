-- - check accounts_org_id_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_org_id_check;
