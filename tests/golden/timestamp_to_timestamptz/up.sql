-- ~ column public.items.value: type timestamp without time zone -> timestamp with time zone
ALTER TABLE public.items ALTER COLUMN value TYPE timestamp with time zone USING value::timestamp with time zone;
