-- + index public.events_payload_idx on public.events
CREATE INDEX events_payload_idx ON public.events USING gin (payload jsonb_path_ops);
