-- - column public.users.bio
-- WARNING: data loss: drops column public.users.bio
ALTER TABLE public.users DROP COLUMN bio;
