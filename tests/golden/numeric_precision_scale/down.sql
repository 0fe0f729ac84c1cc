-- ~ column public.items.value: type numeric(12,4) -> numeric(10,2)
-- WARNING: data loss: narrows column public.items.value from numeric(12,4) to numeric(10,2)
ALTER TABLE public.items ALTER COLUMN value TYPE numeric(10,2) USING value::numeric(10,2);
