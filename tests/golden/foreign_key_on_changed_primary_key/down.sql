-- - foreign key children_parent_id_fkey on public.children (parent_id) -> public.parents (id)
ALTER TABLE public.children DROP CONSTRAINT children_parent_id_fkey;

-- - primary key parents_id_pk on public.parents (id)
ALTER TABLE public.parents DROP CONSTRAINT parents_id_pk;

-- + primary key parents_pkey on public.parents (id)
ALTER TABLE public.parents ADD CONSTRAINT parents_pkey PRIMARY KEY (id);

-- + foreign key children_parent_id_fkey on public.children (parent_id) -> public.parents (id)
ALTER TABLE public.children ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parents(id);
