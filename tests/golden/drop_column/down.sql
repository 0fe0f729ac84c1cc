-- + column public.users.bio text
-- WARNING: restores the structure only; up lost data: drops column public.users.bio
ALTER TABLE public.users ADD COLUMN bio text;
