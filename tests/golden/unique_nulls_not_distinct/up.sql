-- + unique accounts_email_key on public.accounts (email)
ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_key UNIQUE NULLS NOT DISTINCT (email);
