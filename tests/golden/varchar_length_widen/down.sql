-- ~ column public.items.value: type character varying(320) -> character varying(100)
-- WARNING: data loss: narrows column public.items.value from character varying(320) to character varying(100)
ALTER TABLE public.items ALTER COLUMN value TYPE character varying(100) USING value::character varying(100);
