-- - unique accounts_email_key on public.accounts (email)
ALTER TABLE public.accounts DROP CONSTRAINT accounts_email_key;

-- + unique index public.accounts_email_idx on public.accounts
CREATE UNIQUE INDEX accounts_email_idx ON public.accounts USING btree (email);
