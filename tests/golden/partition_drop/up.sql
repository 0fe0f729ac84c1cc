-- - table public.measurements_2025
-- WARNING: data loss: drops table public.measurements_2025 and its rows
DROP TABLE public.measurements_2025;
