-- - view public.account_emails
DROP VIEW public.account_emails;

-- ~ column public.accounts.id: type integer -> bigint
ALTER TABLE public.accounts ALTER COLUMN id TYPE bigint USING id::bigint;

-- + view public.account_emails (with 1 trigger)
CREATE VIEW public.account_emails AS
SELECT id, email FROM accounts;
CREATE TRIGGER account_emails_insert INSTEAD OF INSERT ON public.account_emails
  FOR EACH ROW
  EXECUTE FUNCTION public.account_emails_insert();
