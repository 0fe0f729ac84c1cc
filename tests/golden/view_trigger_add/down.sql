-- - trigger account_emails_note on public.account_emails
DROP TRIGGER account_emails_note ON public.account_emails;

-- - trigger account_emails_insert on public.account_emails
DROP TRIGGER account_emails_insert ON public.account_emails;

-- - function public.account_emails_noted()
DROP FUNCTION public.account_emails_noted();
