-- strata:step transaction
-- ~ column public.users.nick: NOT NULL set
ALTER TABLE public.users ADD CONSTRAINT users_nick_strata_not_null CHECK (nick IS NOT NULL) NOT VALID;

-- strata:step transaction
-- validate the NOT NULL check of public.users.nick (SHARE UPDATE EXCLUSIVE: writes go on)
ALTER TABLE public.users VALIDATE CONSTRAINT users_nick_strata_not_null;

-- strata:step transaction
-- set public.users.nick NOT NULL (the valid check spares the scan); drop the check
ALTER TABLE public.users ALTER COLUMN nick SET NOT NULL;
ALTER TABLE public.users DROP CONSTRAINT users_nick_strata_not_null;

-- ~ column public.users.status: default 'active' -> none; NOT NULL dropped
ALTER TABLE public.users ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.users ALTER COLUMN status DROP NOT NULL;

-- ~ column public.users.email: NOT NULL dropped
ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;
