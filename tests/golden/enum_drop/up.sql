-- - column public.orders.status
-- WARNING: data loss: drops column public.orders.status
ALTER TABLE public.orders DROP COLUMN status;

-- - enum public.status
DROP TYPE public.status;
