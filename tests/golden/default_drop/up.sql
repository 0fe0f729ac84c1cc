-- ~ column public.items.value: default 42 -> none
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
