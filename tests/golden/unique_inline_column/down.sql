-- - unique accounts_email_key on public.accounts (email)
ALTER TABLE public.accounts DROP CONSTRAINT accounts_email_key;
