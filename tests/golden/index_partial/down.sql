-- - index public.accounts_email_active_idx on public.accounts
DROP INDEX public.accounts_email_active_idx;
