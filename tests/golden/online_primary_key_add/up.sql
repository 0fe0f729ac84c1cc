-- strata:step transaction
-- ~ column public.events.id: NOT NULL set
ALTER TABLE public.events ADD CONSTRAINT events_id_strata_not_null CHECK (id IS NOT NULL) NOT VALID;

-- strata:step transaction
-- validate the NOT NULL check of public.events.id (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.events VALIDATE CONSTRAINT events_id_strata_not_null;

-- strata:step transaction
-- set public.events.id NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.events ALTER COLUMN id SET NOT NULL;
ALTER TABLE public.events DROP CONSTRAINT events_id_strata_not_null;

-- strata:step no-transaction
-- + primary key events_pkey on public.events (id)
DROP INDEX CONCURRENTLY IF EXISTS public.events_pkey;
CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON public.events USING btree (id);

-- strata:step transaction
-- + primary key events_pkey on public.events (id): the key takes the index built above
ALTER TABLE public.events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;
