-- - table public.bolts
-- WARNING: data loss: drops table public.bolts and its rows
DROP TABLE public.bolts;

-- + table public.bolts
-- WARNING: restores the structure only; up lost data: drops table public.bolts and its rows
CREATE TABLE public.bolts (
    size integer
) INHERITS (public.parts);
