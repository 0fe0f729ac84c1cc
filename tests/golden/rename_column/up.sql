-- ~ column public.users.email renamed to login
ALTER TABLE public.users RENAME COLUMN email TO login;
