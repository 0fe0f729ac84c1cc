-- + table public.orders
CREATE TABLE public.orders (
    id bigint NOT NULL,
    region text NOT NULL,
    CONSTRAINT orders_id_check CHECK (id > 0)
) PARTITION BY LIST (region);

-- + table public.orders_europe
CREATE TABLE public.orders_europe PARTITION OF public.orders FOR VALUES IN ('de', 'fr', 'nl');

-- + table public.orders_other
CREATE TABLE public.orders_other PARTITION OF public.orders (
    CONSTRAINT orders_other_region_check CHECK (region <> '')
) DEFAULT;
