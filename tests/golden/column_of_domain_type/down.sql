-- - column public.users.backup_emails
-- WARNING: data loss: drops column public.users.backup_emails
ALTER TABLE public.users DROP COLUMN backup_emails;

-- - column public.users.email
-- WARNING: data loss: drops column public.users.email
ALTER TABLE public.users DROP COLUMN email;

-- - table public.invites
-- WARNING: data loss: drops table public.invites and its rows
DROP TABLE public.invites;

-- - domain public.email
DROP DOMAIN public.email;
