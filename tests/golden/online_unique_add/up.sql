-- strata:step no-transaction
-- + unique accounts_email_key on public.accounts (email)
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_email_key;
CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON public.accounts USING btree (email);

-- strata:step transaction
-- + unique accounts_email_key on public.accounts (email): the key takes the index built above
ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;

-- strata:step no-transaction
-- + unique accounts_org_id_handle_key on public.accounts (org_id, handle)
DROP INDEX CONCURRENTLY IF EXISTS public.accounts_org_id_handle_key;
CREATE UNIQUE INDEX CONCURRENTLY accounts_org_id_handle_key ON public.accounts USING btree (org_id, handle);

-- strata:step transaction
-- + unique accounts_org_id_handle_key on public.accounts (org_id, handle): the key takes the index built above
ALTER TABLE public.accounts ADD CONSTRAINT accounts_org_id_handle_key UNIQUE USING INDEX accounts_org_id_handle_key;
