-- ~ column public.items.value: type integer -> bigint
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
ALTER TABLE public.items ALTER COLUMN value TYPE bigint USING value::bigint;
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT 0;
