-- ~ sequence public.rate_limits_id_seq of column public.rate_limits.id: set unlogged
ALTER SEQUENCE public.rate_limits_id_seq SET UNLOGGED;

-- ~ sequence public.events_seq_seq of column public.events.seq: set logged
ALTER SEQUENCE public.events_seq_seq SET LOGGED;

-- ~ sequence public.events_id_seq of column public.events.id: set logged
ALTER SEQUENCE public.events_id_seq SET LOGGED;

-- - table public.rate_limits
-- WARNING: data loss: drops table public.rate_limits and its rows
DROP TABLE public.rate_limits;
