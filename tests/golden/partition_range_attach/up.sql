-- + table public.measurements_2026
CREATE TABLE public.measurements_2026 PARTITION OF public.measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
COMMENT ON TABLE public.measurements_2026 IS 'This year''s rows';
