-- strata:step transaction
-- - foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members DROP CONSTRAINT members_org_id_fkey;

-- - unique members_email_key on public.members (email)
ALTER TABLE public.members DROP CONSTRAINT members_email_key;

-- - check members_age_check on public.members
ALTER TABLE public.members DROP CONSTRAINT members_age_check;

-- strata:step no-transaction
-- - index public.members_age_idx on public.members
DROP INDEX CONCURRENTLY IF EXISTS public.members_age_idx;

-- strata:step transaction
-- ~ column public.members.org_id: NOT NULL dropped
ALTER TABLE public.members ALTER COLUMN org_id DROP NOT NULL;

-- ~ column public.members.email: NOT NULL dropped
ALTER TABLE public.members ALTER COLUMN email DROP NOT NULL;
