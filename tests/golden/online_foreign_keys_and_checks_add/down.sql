-- - foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members DROP CONSTRAINT members_org_id_fkey;

-- - foreign key members_invited_by_fkey on public.members (invited_by) -> public.members (id)
ALTER TABLE public.members DROP CONSTRAINT members_invited_by_fkey;

-- - check orgs_name_check on public.orgs
ALTER TABLE public.orgs DROP CONSTRAINT orgs_name_check;

-- - check members_age_check on public.members
ALTER TABLE public.members DROP CONSTRAINT members_age_check;
