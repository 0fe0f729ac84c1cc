-- ~ comment on table public.users removed
COMMENT ON TABLE public.users IS NULL;

-- ~ comment on column public.users.email removed
COMMENT ON COLUMN public.users.email IS NULL;
