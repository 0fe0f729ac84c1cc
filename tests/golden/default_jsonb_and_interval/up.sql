-- ~ column public.items.value: default none -> '{}'::jsonb
ALTER TABLE public.items ALTER COLUMN value SET DEFAULT '{}'::jsonb;

-- + column public.items.ttl interval
ALTER TABLE public.items ADD COLUMN ttl interval DEFAULT '14 days'::interval;

-- + column public.items.tags integer[]
ALTER TABLE public.items ADD COLUMN tags integer[] DEFAULT ARRAY[]::integer[];

-- + column public.items.ratio numeric(4,2)
ALTER TABLE public.items ADD COLUMN ratio numeric(4,2) DEFAULT -1.50;
