-- - procedure public.purge_events(interval)
DROP PROCEDURE public.purge_events(interval);
