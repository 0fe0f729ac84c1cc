-- + unique accounts_org_id_email_key on public.accounts (org_id, email)
ALTER TABLE public.accounts ADD CONSTRAINT accounts_org_id_email_key UNIQUE (org_id, email);
