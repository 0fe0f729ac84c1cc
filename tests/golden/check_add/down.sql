-- - check accounts_email_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_email_check;
