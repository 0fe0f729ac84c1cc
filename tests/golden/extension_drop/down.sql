-- + extension pg_trgm
CREATE EXTENSION pg_trgm WITH SCHEMA public;

-- - table public.marker
-- WARNING: data loss: drops table public.marker and its rows
DROP TABLE public.marker;
