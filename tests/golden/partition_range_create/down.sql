-- - foreign key measurements_device_id_fkey on public.measurements (device_id) -> public.devices (id)
ALTER TABLE public.measurements DROP CONSTRAINT measurements_device_id_fkey;

-- - table public.measurements_2025
-- WARNING: data loss: drops table public.measurements_2025 and its rows
DROP TABLE public.measurements_2025;

-- - table public.measurements_2024
-- WARNING: data loss: drops table public.measurements_2024 and its rows
DROP TABLE public.measurements_2024;

-- - table public.measurements
-- WARNING: data loss: drops table public.measurements and its rows
DROP TABLE public.measurements;
