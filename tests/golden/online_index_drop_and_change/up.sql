-- strata:step no-transaction
-- - index public.accounts_email_idx on public.accounts
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_email_idx;

-- strata:step no-transaction
-- - index public.accounts_org_id_idx on public.accounts
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_org_id_idx;

-- strata:step no-transaction
-- + index public.accounts_org_id_idx on public.accounts
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_org_id_idx;
CREATE INDEX CONCURRENTLY accounts_org_id_idx ON public.accounts USING btree (org_id, email);
