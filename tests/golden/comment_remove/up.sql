-- ~ comment on table public.users removed
COMMENT ON TABLE public.users IS NULL;
