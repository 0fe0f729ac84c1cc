-- - table public.measurements_2026
-- WARNING: data loss: drops table public.measurements_2026 and its rows
DROP TABLE public.measurements_2026;
