-- + column public.users.avatar_url text
ALTER TABLE public.users ADD COLUMN avatar_url text;
COMMENT ON COLUMN public.users.avatar_url IS 'Where the picture lives';
