-- ~ table public.users: set logged
ALTER TABLE public.users SET LOGGED;
