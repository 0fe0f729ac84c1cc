-- ~ column public.items.value: type text -> text, collation none -> C
ALTER TABLE public.items ALTER COLUMN value TYPE text COLLATE "C";
