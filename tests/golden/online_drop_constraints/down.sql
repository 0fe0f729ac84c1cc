-- strata:step transaction
-- ~ column public.members.email: NOT NULL set
ALTER TABLE public.members ADD CONSTRAINT members_email_strata_not_null CHECK (email IS NOT NULL) NOT VALID;

-- ~ column public.members.org_id: NOT NULL set
ALTER TABLE public.members ADD CONSTRAINT members_org_id_strata_not_null CHECK (org_id IS NOT NULL) NOT VALID;

-- strata:step transaction
-- validate the NOT NULL check of public.members.email (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_email_strata_not_null;

-- strata:step transaction
-- validate the NOT NULL check of public.members.org_id (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_org_id_strata_not_null;

-- strata:step transaction
-- set public.members.email NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.members ALTER COLUMN email SET NOT NULL;
ALTER TABLE public.members DROP CONSTRAINT members_email_strata_not_null;

-- set public.members.org_id NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.members ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE public.members DROP CONSTRAINT members_org_id_strata_not_null;

-- strata:step no-transaction
-- + index public.members_age_idx on public.members
DROP INDEX CONCURRENTLY IF EXISTS public.members_age_idx;
CREATE INDEX CONCURRENTLY members_age_idx ON public.members USING btree (age);

-- strata:step transaction
-- + check members_age_check on public.members
ALTER TABLE public.members ADD CONSTRAINT members_age_check CHECK (age >= 0) NOT VALID;

-- strata:step transaction
-- validate members_age_check on public.members (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_age_check;

-- strata:step no-transaction
-- + unique members_email_key on public.members (email)
DROP INDEX CONCURRENTLY IF EXISTS public.members_email_key;
CREATE UNIQUE INDEX CONCURRENTLY members_email_key ON public.members USING btree (email);

-- strata:step transaction
-- + unique members_email_key on public.members (email): the key takes the index built above
ALTER TABLE public.members ADD CONSTRAINT members_email_key UNIQUE USING INDEX members_email_key;

-- + foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id) NOT VALID;

-- strata:step transaction
-- validate members_org_id_fkey on public.members (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_org_id_fkey;
