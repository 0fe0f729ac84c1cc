-- - index public.accounts_lower_email_idx on public.accounts
DROP INDEX public.accounts_lower_email_idx;
