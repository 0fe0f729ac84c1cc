-- - column public.flags.weight
-- WARNING: data loss: drops column public.flags.weight
ALTER TABLE public.flags DROP COLUMN weight;

-- - column public.flags.listed
-- WARNING: data loss: drops column public.flags.listed
ALTER TABLE public.flags DROP COLUMN listed;

-- - column public.flags.enabled
-- WARNING: data loss: drops column public.flags.enabled
ALTER TABLE public.flags DROP COLUMN enabled;

-- - table public.switches
-- WARNING: data loss: drops table public.switches and its rows
DROP TABLE public.switches;
