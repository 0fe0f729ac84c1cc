-- ~ table public.users renamed to people
ALTER TABLE public.users RENAME TO people;

-- ~ constraint users_pkey on public.people renamed to people_pkey
ALTER TABLE public.people RENAME CONSTRAINT users_pkey TO people_pkey;
