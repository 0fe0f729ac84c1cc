-- - index public.events_payload_idx on public.events
DROP INDEX public.events_payload_idx;
