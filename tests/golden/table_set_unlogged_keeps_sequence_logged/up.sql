-- ~ table public.rate_limits: set unlogged
ALTER TABLE public.rate_limits SET UNLOGGED;

-- ~ sequence public.rate_limits_id_seq of column public.rate_limits.id: set logged
ALTER SEQUENCE public.rate_limits_id_seq SET LOGGED;
