-- - index public.accounts_lookup_idx on public.accounts
DROP INDEX public.accounts_lookup_idx;
