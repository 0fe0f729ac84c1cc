-- - view public.account_emails
DROP VIEW public.account_emails;

-- ~ column public.accounts.id: type bigint -> integer
-- WARNING: data loss: narrows column public.accounts.id from bigint to integer
ALTER TABLE public.accounts ALTER COLUMN id TYPE integer USING id::integer;

-- + view public.account_emails (with 1 trigger)
CREATE VIEW public.account_emails AS
SELECT id, email FROM accounts;
CREATE TRIGGER account_emails_insert INSTEAD OF INSERT ON public.account_emails
  FOR EACH ROW
  EXECUTE FUNCTION public.account_emails_insert();
