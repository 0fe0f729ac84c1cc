-- ~ comment on index public.accounts_lookup_idx removed
COMMENT ON INDEX public.accounts_lookup_idx IS NULL;
