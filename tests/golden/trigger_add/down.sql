-- - trigger accounts_touch on public.accounts
DROP TRIGGER accounts_touch ON public.accounts;

-- - trigger accounts_check on public.accounts
DROP TRIGGER accounts_check ON public.accounts;

-- - trigger accounts_bulk on public.accounts
DROP TRIGGER accounts_bulk ON public.accounts;

-- - trigger accounts_audit on public.accounts
DROP TRIGGER accounts_audit ON public.accounts;

-- - function public.touch()
DROP FUNCTION public.touch();

-- - function public.note_change()
DROP FUNCTION public.note_change();
