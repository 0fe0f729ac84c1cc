-- ~ column public.items.value: type character varying(40) -> text
ALTER TABLE public.items ALTER COLUMN value TYPE text USING value::text;
