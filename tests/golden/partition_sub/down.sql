-- - table public.readings_2025_rest
-- WARNING: data loss: drops table public.readings_2025_rest and its rows
DROP TABLE public.readings_2025_rest;

-- - table public.readings_2025_a
-- WARNING: data loss: drops table public.readings_2025_a and its rows
DROP TABLE public.readings_2025_a;

-- - table public.readings_2025
-- WARNING: data loss: drops table public.readings_2025 and its rows
DROP TABLE public.readings_2025;

-- - table public.readings
-- WARNING: data loss: drops table public.readings and its rows
DROP TABLE public.readings;
