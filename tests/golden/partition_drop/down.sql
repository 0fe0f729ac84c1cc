-- + table public.measurements_2025
-- WARNING: restores the structure only; up lost data: drops table public.measurements_2025 and its rows
CREATE TABLE public.measurements_2025 PARTITION OF public.measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
