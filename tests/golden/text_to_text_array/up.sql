-- ~ column public.items.value: type text -> text[]
-- WARNING: data loss: narrows column public.items.value from text to text[]
ALTER TABLE public.items ALTER COLUMN value TYPE text[] USING value::text[];
