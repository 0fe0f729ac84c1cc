-- - trigger accounts_audit on public.accounts
DROP TRIGGER accounts_audit ON public.accounts;

-- + trigger accounts_audit on public.accounts
CREATE TRIGGER accounts_audit AFTER UPDATE ON public.accounts
  FOR EACH ROW
  WHEN (old.balance IS DISTINCT FROM new.balance)
  EXECUTE FUNCTION public.note_change();
