-- ~ column public.items.value: NOT NULL dropped
ALTER TABLE public.items ALTER COLUMN value DROP NOT NULL;
