-- ~ column public.items.value: type timestamp with time zone -> timestamp without time zone
ALTER TABLE public.items ALTER COLUMN value TYPE timestamp without time zone USING value::timestamp without time zone;
