-- + unique index public.accounts_lower_email_idx on public.accounts
CREATE UNIQUE INDEX accounts_lower_email_idx ON public.accounts USING btree ((lower(email)));
