-- + function public.note_change()
CREATE FUNCTION public.note_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN
  RETURN NULL;
END;
$function$;

-- + trigger accounts_audit on public.accounts
CREATE TRIGGER accounts_audit AFTER UPDATE ON public.accounts
  FOR EACH ROW
  WHEN (old.balance IS DISTINCT FROM new.balance)
  EXECUTE FUNCTION public.note_change();
