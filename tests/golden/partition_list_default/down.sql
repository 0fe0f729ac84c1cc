-- - table public.orders_other
-- WARNING: data loss: drops table public.orders_other and its rows
DROP TABLE public.orders_other;

-- - table public.orders_europe
-- WARNING: data loss: drops table public.orders_europe and its rows
DROP TABLE public.orders_europe;

-- - table public.orders
-- WARNING: data loss: drops table public.orders and its rows
DROP TABLE public.orders;
