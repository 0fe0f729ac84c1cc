-- - column public.customers.others
-- WARNING: data loss: drops column public.customers.others
ALTER TABLE public.customers DROP COLUMN others;

-- - column public.customers.home
-- WARNING: data loss: drops column public.customers.home
ALTER TABLE public.customers DROP COLUMN home;

-- - table public.shipments
-- WARNING: data loss: drops table public.shipments and its rows
DROP TABLE public.shipments;

-- - composite type public.address
DROP TYPE public.address;
