-- ~ column public.items.value: type integer -> text; NOT NULL dropped
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
ALTER TABLE public.items ALTER COLUMN value DROP NOT NULL;
ALTER TABLE public.items ALTER COLUMN value TYPE text USING value::text;
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT '0';
