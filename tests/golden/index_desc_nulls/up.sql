-- + index public.accounts_org_desc_idx on public.accounts
CREATE INDEX accounts_org_desc_idx ON public.accounts USING btree (org_id DESC NULLS LAST, email);
