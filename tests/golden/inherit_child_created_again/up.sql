-- - table public.bolts
-- WARNING: data loss: drops table public.bolts and its rows
DROP TABLE public.bolts;

-- + table public.bolts
CREATE TABLE public.bolts (
    id bigint NOT NULL,
    size integer
);
