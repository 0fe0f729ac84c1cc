-- - table public.users
-- WARNING: data loss: drops table public.users and its rows
DROP TABLE public.users;

-- - extension citext
DROP EXTENSION citext;
