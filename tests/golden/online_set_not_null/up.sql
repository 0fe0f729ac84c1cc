-- strata:step transaction
-- ~ column public.users.email: NOT NULL set
ALTER TABLE public.users ADD CONSTRAINT users_email_strata_not_null CHECK (email IS NOT NULL) NOT VALID;

-- ~ column public.users.status: default none -> 'active'; NOT NULL set
ALTER TABLE public.users ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE public.users ADD CONSTRAINT users_status_strata_not_null CHECK (status IS NOT NULL) NOT VALID;

-- strata:step transaction
-- validate the NOT NULL check of public.users.email (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.users VALIDATE CONSTRAINT users_email_strata_not_null;

-- strata:step transaction
-- validate the NOT NULL check of public.users.status (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.users VALIDATE CONSTRAINT users_status_strata_not_null;

-- strata:step transaction
-- set public.users.email NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;
ALTER TABLE public.users DROP CONSTRAINT users_email_strata_not_null;

-- set public.users.status NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.users ALTER COLUMN status SET NOT NULL;
ALTER TABLE public.users DROP CONSTRAINT users_status_strata_not_null;

-- ~ column public.users.nick: NOT NULL dropped
ALTER TABLE public.users ALTER COLUMN nick DROP NOT NULL;
