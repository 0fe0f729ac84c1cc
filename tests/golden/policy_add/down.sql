-- - policy accounts_owner on public.accounts
DROP POLICY accounts_owner ON public.accounts;

-- - policy accounts_member on public.accounts
DROP POLICY accounts_member ON public.accounts;

-- - foreign key members_account_id_fkey on public.members (account_id) -> public.accounts (id)
ALTER TABLE public.members DROP CONSTRAINT members_account_id_fkey;

-- - table public.members
-- WARNING: data loss: drops table public.members and its rows
DROP TABLE public.members;
