-- - column public.users.avatar_url
-- WARNING: data loss: drops column public.users.avatar_url
ALTER TABLE public.users DROP COLUMN avatar_url;
