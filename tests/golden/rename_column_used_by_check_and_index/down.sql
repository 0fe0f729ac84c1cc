-- - check accounts_login_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_login_check;

-- + index public.accounts_lower_email_idx on public.accounts
CREATE INDEX accounts_lower_email_idx ON public.accounts USING btree ((lower(login)));

-- + check accounts_email_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_check CHECK (position('@' in login) > 0);

-- ~ column public.accounts.login renamed to email
ALTER TABLE public.accounts RENAME COLUMN login TO email;
