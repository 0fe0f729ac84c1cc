-- ~ column public.items.value: default 'published' -> 'draft'
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT 'draft';
