-- + column public.accounts.status text
ALTER TABLE public.accounts ADD COLUMN status text DEFAULT 'new' NOT NULL;

-- + check accounts_status_check on public.accounts
ALTER TABLE public.accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('new', 'active', 'closed'));
