-- - primary key events_pkey on public.events (id)
ALTER TABLE public.events DROP CONSTRAINT events_pkey;

-- ~ column public.events.id: NOT NULL dropped
ALTER TABLE public.events ALTER COLUMN id DROP NOT NULL;
