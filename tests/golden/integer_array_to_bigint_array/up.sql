-- ~ column public.items.value: type integer[] -> bigint[]
-- WARNING: data loss: narrows column public.items.value from integer[] to bigint[]
ALTER TABLE public.items ALTER COLUMN value TYPE bigint[] USING value::bigint[];
