-- + table public.marker
CREATE TABLE public.marker (
    id integer
);

-- - extension pg_trgm
DROP EXTENSION pg_trgm;
