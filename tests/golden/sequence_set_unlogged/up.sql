-- + table public.rate_limits
CREATE UNLOGGED TABLE public.rate_limits (
    id bigserial NOT NULL,
    points double precision NOT NULL,
    CONSTRAINT rate_limits_pkey PRIMARY KEY (id)
);

-- ~ sequence public.events_id_seq of column public.events.id: set unlogged
ALTER SEQUENCE public.events_id_seq SET UNLOGGED;

-- ~ sequence public.events_seq_seq of column public.events.seq: set unlogged
ALTER SEQUENCE public.events_seq_seq SET UNLOGGED;

-- ~ sequence public.rate_limits_id_seq of column public.rate_limits.id: set logged
ALTER SEQUENCE public.rate_limits_id_seq SET LOGGED;
