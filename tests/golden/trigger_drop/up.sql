-- - trigger accounts_audit on public.accounts
DROP TRIGGER accounts_audit ON public.accounts;

-- - function public.note_change()
DROP FUNCTION public.note_change();
