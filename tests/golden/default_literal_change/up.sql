-- ~ column public.items.value: default 'draft' -> 'published'
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT 'published';
