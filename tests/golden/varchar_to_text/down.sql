-- ~ column public.items.value: type text -> character varying(40)
-- WARNING: data loss: narrows column public.items.value from text to character varying(40)
ALTER TABLE public.items ALTER COLUMN value TYPE character varying(40) USING value::character varying(40);
