-- ~ column public.items.value: type text -> text, collation C -> none
ALTER TABLE public.items ALTER COLUMN value TYPE text;
