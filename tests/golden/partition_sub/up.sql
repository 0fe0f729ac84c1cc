-- + table public.readings
CREATE TABLE public.readings (
    taken_on date NOT NULL,
    sensor text NOT NULL
) PARTITION BY RANGE (taken_on);

-- + table public.readings_2025
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (sensor);

-- + table public.readings_2025_a
CREATE TABLE public.readings_2025_a PARTITION OF public.readings_2025 FOR VALUES IN ('a');

-- + table public.readings_2025_rest
CREATE TABLE public.readings_2025_rest PARTITION OF public.readings_2025 DEFAULT;
