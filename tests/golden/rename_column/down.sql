-- ~ column public.users.login renamed to email
ALTER TABLE public.users RENAME COLUMN login TO email;
