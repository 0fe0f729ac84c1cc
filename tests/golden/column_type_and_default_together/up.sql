-- ~ column public.items.value: type text -> integer; NOT NULL set
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
ALTER TABLE public.items ALTER COLUMN value TYPE integer USING value::integer;
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT 0;
ALTER TABLE public.items ALTER COLUMN value SET NOT NULL;
