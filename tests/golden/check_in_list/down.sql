-- - check accounts_status_check on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_status_check;

-- - column public.accounts.status
-- WARNING: data loss: drops column public.accounts.status
ALTER TABLE public.accounts DROP COLUMN status;
