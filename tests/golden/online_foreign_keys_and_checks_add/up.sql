-- strata:step transaction
-- + check members_age_check on public.members
ALTER TABLE public.members ADD CONSTRAINT members_age_check CHECK (age >= 0) NOT VALID;

-- + check orgs_name_check on public.orgs
ALTER TABLE public.orgs ADD CONSTRAINT orgs_name_check CHECK (length(name) > 0) NOT VALID;

-- + foreign key members_invited_by_fkey on public.members (invited_by) -> public.members (id)
ALTER TABLE public.members ADD CONSTRAINT members_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.members(id) NOT VALID;

-- + foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id) ON DELETE CASCADE NOT VALID;

-- strata:step transaction
-- validate members_age_check on public.members (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_age_check;

-- strata:step transaction
-- validate orgs_name_check on public.orgs (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.orgs VALIDATE CONSTRAINT orgs_name_check;

-- strata:step transaction
-- validate members_invited_by_fkey on public.members (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_invited_by_fkey;

-- strata:step transaction
-- validate members_org_id_fkey on public.members (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.members VALIDATE CONSTRAINT members_org_id_fkey;
