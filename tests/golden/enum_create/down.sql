-- - table public.orders
-- WARNING: data loss: drops table public.orders and its rows
DROP TABLE public.orders;

-- - enum public.status
DROP TYPE public.status;
