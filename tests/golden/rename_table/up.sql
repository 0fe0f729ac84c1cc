-- ~ table public.users renamed to people
ALTER TABLE public.users RENAME TO people;

-- - primary key users_pkey on public.people (id)
ALTER TABLE public.people DROP CONSTRAINT users_pkey;

-- + primary key people_pkey on public.people (id)
ALTER TABLE public.people ADD CONSTRAINT people_pkey PRIMARY KEY (id);
