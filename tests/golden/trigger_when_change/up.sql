-- - trigger accounts_audit on public.accounts
DROP TRIGGER accounts_audit ON public.accounts;

-- + trigger accounts_audit on public.accounts
CREATE TRIGGER accounts_audit AFTER UPDATE ON public.accounts
  FOR EACH ROW
  WHEN (new.balance < (0)::numeric)
  EXECUTE FUNCTION public.note_change();
