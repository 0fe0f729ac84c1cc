-- ~ column public.items.value: type timestamp with time zone -> timestamp without time zone
-- WARNING: data loss: narrows column public.items.value from timestamp with time zone to timestamp without time zone
ALTER TABLE public.items ALTER COLUMN value TYPE timestamp without time zone USING value::timestamp without time zone;
