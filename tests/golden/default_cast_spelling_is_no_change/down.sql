-- + column public.items.extra integer
-- WARNING: restores the structure only; up lost data: drops column public.items.extra
ALTER TABLE public.items ADD COLUMN extra integer;
