-- - table public.events
-- WARNING: data loss: drops table public.events and its rows
DROP TABLE public.events;

-- + table public.old_events
-- WARNING: restores the structure only; up lost data: drops table public.old_events and its rows
CREATE TABLE public.old_events (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id)
);
CREATE INDEX events_at_idx ON public.old_events USING btree (at);
