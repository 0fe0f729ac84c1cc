-- + enum public.status (new, paid, shipped)
CREATE TYPE public.status AS ENUM ('new', 'paid', 'shipped');

-- + table public.orders
CREATE TABLE public.orders (
    id bigint NOT NULL,
    status public.status DEFAULT 'new' NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);
