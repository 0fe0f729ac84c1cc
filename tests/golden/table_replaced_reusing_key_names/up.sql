-- - table public.old_events
-- WARNING: data loss: drops table public.old_events and its rows
DROP TABLE public.old_events;

-- + table public.events
CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id)
);
CREATE INDEX events_at_idx ON public.events USING btree (at);
