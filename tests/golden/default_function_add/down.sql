-- ~ column public.items.value: default now() -> none
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
