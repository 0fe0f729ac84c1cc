-- + check accounts_email_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_check CHECK (length(email) < 320);
