-- + function public.account_emails_noted()
CREATE FUNCTION public.account_emails_noted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN
  RETURN NULL;
END;
$function$;

-- + trigger account_emails_insert on public.account_emails
CREATE TRIGGER account_emails_insert INSTEAD OF INSERT ON public.account_emails
  FOR EACH ROW
  EXECUTE FUNCTION public.account_emails_insert();
COMMENT ON TRIGGER account_emails_insert ON public.account_emails IS 'Writes through to accounts';

-- + trigger account_emails_note on public.account_emails
CREATE TRIGGER account_emails_note AFTER DELETE OR UPDATE ON public.account_emails
  FOR EACH STATEMENT
  EXECUTE FUNCTION public.account_emails_noted('emails');
