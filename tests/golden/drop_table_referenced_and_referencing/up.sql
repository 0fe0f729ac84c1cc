-- - foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members DROP CONSTRAINT members_org_id_fkey;

-- - table public.audit
-- WARNING: data loss: drops table public.audit and its rows
DROP TABLE public.audit;

-- - table public.members
-- WARNING: data loss: drops table public.members and its rows
DROP TABLE public.members;
