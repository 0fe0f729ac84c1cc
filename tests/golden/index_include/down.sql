-- - index public.accounts_org_id_idx on public.accounts
DROP INDEX public.accounts_org_id_idx;
