-- + table public.measurements
CREATE TABLE public.measurements (
    device_id bigint NOT NULL,
    taken_on date NOT NULL,
    value numeric,
    CONSTRAINT measurements_pkey PRIMARY KEY (device_id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE INDEX measurements_value_idx ON public.measurements USING btree (value);

-- + table public.measurements_2024
CREATE TABLE public.measurements_2024 PARTITION OF public.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- + table public.measurements_2025
CREATE TABLE public.measurements_2025 PARTITION OF public.measurements for values from ('2025-01-01') to ('2026-01-01');

-- + foreign key measurements_device_id_fkey on public.measurements (device_id) -> public.devices (id)
ALTER TABLE public.measurements ADD CONSTRAINT measurements_device_id_fkey FOREIGN KEY (device_id) REFERENCES public.devices(id);
