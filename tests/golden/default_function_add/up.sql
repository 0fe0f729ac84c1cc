-- ~ column public.items.value: default none -> now()
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT now();
