-- strata:step no-transaction
-- + unique index public.accounts_email_lower_idx on public.accounts
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_email_lower_idx;
CREATE UNIQUE INDEX CONCURRENTLY accounts_email_lower_idx ON public.accounts USING btree ((lower(email))) WHERE (email <> '');

-- strata:step no-transaction
-- + index public.accounts_org_id_idx on public.accounts
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_org_id_idx;
CREATE INDEX CONCURRENTLY accounts_org_id_idx ON public.accounts USING btree (org_id) INCLUDE (email);
COMMENT ON INDEX public.accounts_org_id_idx IS 'Members of an org';
