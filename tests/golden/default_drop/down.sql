-- ~ column public.items.value: default none -> 42
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT 42;
