-- strata:step transaction
-- - foreign key projects_org_id_fkey on public.projects (org_id) -> public.orgs (id)
ALTER TABLE public.projects DROP CONSTRAINT projects_org_id_fkey;

-- strata:step no-transaction
-- - index public.orgs_name_idx on public.orgs
DROP INDEX CONCURRENTLY IF EXISTS public.orgs_name_idx;

-- strata:step transaction
-- - table public.projects
-- WARNING: data loss: drops table public.projects and its rows
DROP TABLE public.projects;
