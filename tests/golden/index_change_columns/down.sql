-- - index public.accounts_lookup_idx on public.accounts
DROP INDEX public.accounts_lookup_idx;

-- + index public.accounts_lookup_idx on public.accounts
CREATE INDEX accounts_lookup_idx ON public.accounts USING btree (org_id);
