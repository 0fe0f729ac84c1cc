-- + composite type public.address (street text, city text)
CREATE TYPE public.address AS (street text, city text);

-- + table public.shipments
CREATE TABLE public.shipments (
    id integer NOT NULL,
    destination public.address NOT NULL,
    CONSTRAINT shipments_pkey PRIMARY KEY (id)
);

-- + column public.customers.home public.address
ALTER TABLE public.customers ADD COLUMN home public.address;

-- + column public.customers.others public.address[]
ALTER TABLE public.customers ADD COLUMN others public.address[];
