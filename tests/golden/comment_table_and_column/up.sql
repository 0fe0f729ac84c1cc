-- ~ comment on column public.users.email
COMMENT ON COLUMN public.users.email IS 'Login name';

-- ~ comment on table public.users
COMMENT ON TABLE public.users IS 'People who can sign in; it''s all of them';
