-- - index public.accounts_org_desc_idx on public.accounts
DROP INDEX public.accounts_org_desc_idx;
