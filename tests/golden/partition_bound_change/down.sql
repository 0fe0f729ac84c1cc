-- ~ table public.events_high: detach from public.events
ALTER TABLE public.events DETACH PARTITION public.events_high;

-- ~ table public.events_high: attach to public.events FOR VALUES FROM (1000) TO (2000)
ALTER TABLE public.events ATTACH PARTITION public.events_high FOR VALUES FROM (1000) TO (2000);
