-- - column public.items.extra
-- WARNING: data loss: drops column public.items.extra
ALTER TABLE public.items DROP COLUMN extra;
