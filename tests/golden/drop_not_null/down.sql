-- ~ column public.items.value: NOT NULL set
ALTER TABLE public.items ALTER COLUMN value SET NOT NULL;
