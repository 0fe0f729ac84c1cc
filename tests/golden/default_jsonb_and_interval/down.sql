-- - column public.items.ratio
-- WARNING: data loss: drops column public.items.ratio
ALTER TABLE public.items DROP COLUMN ratio;

-- - column public.items.tags
-- WARNING: data loss: drops column public.items.tags
ALTER TABLE public.items DROP COLUMN tags;

-- - column public.items.ttl
-- WARNING: data loss: drops column public.items.ttl
ALTER TABLE public.items DROP COLUMN ttl;

-- ~ column public.items.value: default '{}'::jsonb -> none
ALTER TABLE public.items ALTER COLUMN value DROP DEFAULT;
