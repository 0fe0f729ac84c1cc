-- - table public.login_events
-- WARNING: data loss: drops table public.login_events and its rows
DROP TABLE public.login_events;

-- - table public.sources
-- WARNING: data loss: drops table public.sources and its rows
DROP TABLE public.sources;
