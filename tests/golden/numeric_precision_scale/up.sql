-- ~ column public.items.value: type numeric(10,2) -> numeric(12,4)
ALTER TABLE public.items ALTER COLUMN value TYPE numeric(12,4) USING value::numeric(12,4);
