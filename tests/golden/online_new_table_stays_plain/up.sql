-- strata:step transaction
-- + table public.projects
CREATE TABLE public.projects (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    title text NOT NULL,
    CONSTRAINT projects_pkey PRIMARY KEY (id),
    CONSTRAINT projects_title_key UNIQUE (title),
    CONSTRAINT projects_title_check CHECK (length(title) > 0)
);
CREATE INDEX projects_org_id_idx ON public.projects USING btree (org_id);

-- strata:step no-transaction
-- + index public.orgs_name_idx on public.orgs
DROP INDEX CONCURRENTLY IF EXISTS public.orgs_name_idx;
CREATE INDEX CONCURRENTLY orgs_name_idx ON public.orgs USING btree (name);

-- strata:step transaction
-- + foreign key projects_org_id_fkey on public.projects (org_id) -> public.orgs (id)
ALTER TABLE public.projects ADD CONSTRAINT projects_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);
