-- ~ column public.items.value: type bigint -> integer
-- WARNING: data loss: narrows column public.items.value from bigint to integer
ALTER TABLE public.items ALTER COLUMN value TYPE integer USING value::integer;
