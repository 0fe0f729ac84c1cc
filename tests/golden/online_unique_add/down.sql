-- - unique accounts_org_id_handle_key on public.accounts (org_id, handle)
ALTER TABLE public.accounts DROP CONSTRAINT accounts_org_id_handle_key;

-- - unique accounts_email_key on public.accounts (email)
ALTER TABLE public.accounts DROP CONSTRAINT accounts_email_key;
