-- + table public.switches
CREATE TABLE public.switches (
    id bigint NOT NULL,
    on_by_default boolean DEFAULT (true IS NOT NULL),
    CONSTRAINT switches_pkey PRIMARY KEY (id)
);

-- + column public.flags.enabled boolean
ALTER TABLE public.flags ADD COLUMN enabled boolean DEFAULT (NOT false) NOT NULL;

-- + column public.flags.listed boolean
ALTER TABLE public.flags ADD COLUMN listed boolean DEFAULT (1 IN (1, 2));

-- + column public.flags.weight integer
ALTER TABLE public.flags ADD COLUMN weight integer DEFAULT 2 * 3;
