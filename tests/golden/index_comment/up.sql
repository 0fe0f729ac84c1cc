-- ~ comment on index public.accounts_lookup_idx
COMMENT ON INDEX public.accounts_lookup_idx IS 'Lookups by organisation';
