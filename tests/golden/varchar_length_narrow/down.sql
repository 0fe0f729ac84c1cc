-- ~ column public.items.value: type character varying(50) -> character varying(320)
-- WARNING: restores the structure only; up lost data: narrows column public.items.value from character varying(320) to character varying(50)
ALTER TABLE public.items ALTER COLUMN value TYPE character varying(320) USING value::character varying(320);
