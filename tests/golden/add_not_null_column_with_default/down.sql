-- - column public.users.active
-- WARNING: data loss: drops column public.users.active
ALTER TABLE public.users DROP COLUMN active;
