-- + index public.accounts_email_active_idx on public.accounts
CREATE INDEX accounts_email_active_idx ON public.accounts USING btree (email) WHERE (email <> '');
