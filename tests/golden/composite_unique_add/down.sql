-- - unique accounts_org_id_email_key on public.accounts (org_id, email)
ALTER TABLE public.accounts DROP CONSTRAINT accounts_org_id_email_key;
