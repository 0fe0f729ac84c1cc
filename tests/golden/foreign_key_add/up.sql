-- + foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id) ON DELETE CASCADE;
