-- + enum public.status (new, paid)
CREATE TYPE public.status AS ENUM ('new', 'paid');

-- + column public.orders.status public.status
-- WARNING: restores the structure only; up lost data: drops column public.orders.status
ALTER TABLE public.orders ADD COLUMN status public.status DEFAULT 'new' NOT NULL;
