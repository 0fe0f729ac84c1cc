-- + index public.accounts_org_id_idx on public.accounts
CREATE INDEX accounts_org_id_idx ON public.accounts USING btree (org_id) INCLUDE (email);
