-- ~ column public.items.value: type character varying(320) -> character varying(50)
-- WARNING: data loss: narrows column public.items.value from character varying(320) to character varying(50)
ALTER TABLE public.items ALTER COLUMN value TYPE character varying(50) USING value::character varying(50);
