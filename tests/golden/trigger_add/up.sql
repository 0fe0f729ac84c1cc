-- + function public.note_change()
CREATE FUNCTION public.note_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN
  RETURN NULL;
END;
$function$;

-- + function public.touch()
CREATE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$function$;

-- + trigger accounts_audit on public.accounts
CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON public.accounts
  FOR EACH ROW
  WHEN (OLD.balance IS DISTINCT FROM NEW.balance)
  EXECUTE FUNCTION public.note_change('balance', 'it''s');

-- + trigger accounts_bulk on public.accounts
CREATE TRIGGER accounts_bulk AFTER INSERT ON public.accounts
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT
  EXECUTE FUNCTION public.note_change();
COMMENT ON TRIGGER accounts_bulk ON public.accounts IS 'Statement-level with a transition table';

-- + trigger accounts_check on public.accounts
CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT OR UPDATE ON public.accounts DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  EXECUTE FUNCTION public.note_change();

-- + trigger accounts_touch on public.accounts
CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON public.accounts
  FOR EACH ROW
  EXECUTE FUNCTION public.touch();
