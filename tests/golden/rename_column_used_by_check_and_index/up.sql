-- ~ column public.accounts.email renamed to login
ALTER TABLE public.accounts RENAME COLUMN email TO login;

-- - check accounts_email_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_email_check;

-- - index public.accounts_lower_email_idx on public.accounts
DROP INDEX public.accounts_lower_email_idx;

-- + check accounts_login_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_login_check CHECK (position('@' in login) > 1);
