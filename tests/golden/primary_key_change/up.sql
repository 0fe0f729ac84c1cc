-- - primary key memberships_pkey on public.memberships (id)
ALTER TABLE public.memberships DROP CONSTRAINT memberships_pkey;

-- + primary key memberships_pkey on public.memberships (tenant_id, id)
ALTER TABLE public.memberships ADD CONSTRAINT memberships_pkey PRIMARY KEY (tenant_id, id);
