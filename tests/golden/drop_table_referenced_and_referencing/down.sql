-- + table public.members
-- WARNING: restores the structure only; up lost data: drops table public.members and its rows
CREATE TABLE public.members (
    id bigint NOT NULL,
    org_id bigint,
    CONSTRAINT members_pkey PRIMARY KEY (id)
);

-- + table public.audit
-- WARNING: restores the structure only; up lost data: drops table public.audit and its rows
CREATE TABLE public.audit (
    id bigint NOT NULL,
    member_id bigint,
    CONSTRAINT audit_pkey PRIMARY KEY (id),
    CONSTRAINT audit_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members(id)
);

-- + foreign key members_org_id_fkey on public.members (org_id) -> public.orgs (id)
ALTER TABLE public.members ADD CONSTRAINT members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);
