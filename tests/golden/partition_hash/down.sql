-- - table public.sessions_1
-- WARNING: data loss: drops table public.sessions_1 and its rows
DROP TABLE public.sessions_1;

-- - table public.sessions_0
-- WARNING: data loss: drops table public.sessions_0 and its rows
DROP TABLE public.sessions_0;

-- - table public.sessions
-- WARNING: data loss: drops table public.sessions and its rows
DROP TABLE public.sessions;
