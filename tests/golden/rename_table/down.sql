-- ~ constraint people_pkey on public.people renamed to users_pkey
ALTER TABLE public.people RENAME CONSTRAINT people_pkey TO users_pkey;

-- ~ table public.people renamed to users
ALTER TABLE public.people RENAME TO users;
