-- ~ column public.items.value: type character varying(100) -> character varying(320)
ALTER TABLE public.items ALTER COLUMN value TYPE character varying(320) USING value::character varying(320);
