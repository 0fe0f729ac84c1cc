-- ~ column public.items.value: type bigint[] -> integer[]
-- WARNING: data loss: narrows column public.items.value from bigint[] to integer[]
-- WARNING: restores the structure only; up lost data: narrows column public.items.value from integer[] to bigint[]
ALTER TABLE public.items ALTER COLUMN value TYPE integer[] USING value::integer[];
