-- - primary key people_pkey on public.people (id)
ALTER TABLE public.people DROP CONSTRAINT people_pkey;

-- + primary key users_pkey on public.people (id)
ALTER TABLE public.people ADD CONSTRAINT users_pkey PRIMARY KEY (id);

-- ~ table public.people renamed to users
ALTER TABLE public.people RENAME TO users;
