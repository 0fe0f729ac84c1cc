-- ~ table public.users: set unlogged
ALTER TABLE public.users SET UNLOGGED;
