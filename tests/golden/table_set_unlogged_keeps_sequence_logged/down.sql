-- ~ sequence public.rate_limits_id_seq of column public.rate_limits.id: set unlogged
ALTER SEQUENCE public.rate_limits_id_seq SET UNLOGGED;

-- ~ table public.rate_limits: set logged
ALTER TABLE public.rate_limits SET LOGGED;
